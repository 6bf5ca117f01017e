using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Switchboard.Browser.Tests;

/// <summary>
/// Debian's chromium driven by Playwright (never a downloaded browser). <c>SWITCHBOARD_TEST_BROWSER</c> names the
/// executable (<c>.ci/run</c> sets it, and then a missing browser fails the tests); without it, <c>/usr/bin/chromium</c>
/// is used when installed, and the browser tests are skipped on a machine that has none.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    private readonly IPlaywright playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Where screenshots go: <c>artifacts/screenshots</c> beside the test binaries' artifacts folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<Chromium> LaunchAsync()
    {
        var configured = Environment.GetEnvironmentVariable("SWITCHBOARD_TEST_BROWSER");
        var executable = configured is { Length: > 0 } ? configured : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            Assert.SkipWhen(configured is not { Length: > 0 }, "No chromium here (install Debian's chromium or set SWITCHBOARD_TEST_BROWSER).");
            Assert.Fail($"SWITCHBOARD_TEST_BROWSER names {executable}, which does not exist.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return new Chromium(playwright, browser);
    }

    /// <summary>A fresh browser context (its own cookies, like another person at another desk) with one page.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Saves a screenshot of the page as a test artifact.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.AddAttachment(name + ".png", await File.ReadAllBytesAsync(path), "image/png");
    }

    /// <summary>Runs axe-core's WCAG 2.0/2.1 level A and AA rules on the page and fails on any violation, naming each.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var problems = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(problems.Count == 0, $"Accessibility violations on {page.Url}:\n" + string.Join("\n", problems));
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
