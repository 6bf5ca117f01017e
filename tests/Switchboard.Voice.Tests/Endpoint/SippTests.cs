using System.Diagnostics;
using System.Net;
using Switchboard.Voice.Endpoint;

namespace Switchboard.Voice.Tests.Endpoint;

/// <summary>
/// Debian's SIPp (package sip-tester) against the endpoint on a loopback port. <c>SWITCHBOARD_TEST_SIPP</c> names the
/// program (<c>.ci/run</c> sets it, and then a missing SIPp fails these tests); without it, <c>/usr/bin/sipp</c> is used
/// when installed, and the tests are skipped on a machine that has none.
/// </summary>
public sealed class SippTests : IAsyncDisposable
{
    private readonly SipUdpEndpoint endpoint = SipUdpEndpoint.Start(new SipEndpointOptions { Address = IPAddress.Loopback, Port = 0 }, TimeProvider.System);

    private static string Sipp()
    {
        var configured = Environment.GetEnvironmentVariable("SWITCHBOARD_TEST_SIPP");
        var program = configured is { Length: > 0 } ? configured : "/usr/bin/sipp";
        if (!File.Exists(program))
        {
            Assert.SkipWhen(configured is not { Length: > 0 }, "No SIPp here (apt-get install sip-tester, or set SWITCHBOARD_TEST_SIPP).");
            Assert.Fail($"SWITCHBOARD_TEST_SIPP names {program}, which does not exist.");
        }
        return program;
    }

    /// <summary>Runs a scenario for <paramref name="calls"/> calls and returns SIPp's exit code (0: every call
    /// succeeded) with its output for the failure message.</summary>
    private async Task<(int ExitCode, string Output)> RunAsync(string scenario, int calls)
    {
        var start = new ProcessStartInfo(Sipp())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[]
        {
            "-sf", Path.Combine(AppContext.BaseDirectory, "Endpoint", "Scenarios", scenario),
            $"127.0.0.1:{endpoint.LocalEndPoint.Port}",
            "-i", "127.0.0.1", "-m", calls.ToString(System.Globalization.CultureInfo.InvariantCulture), "-r", "20", "-l", "10",
            "-nostdin", "-timeout", "30s", "-timeout_error",
        })
        {
            start.ArgumentList.Add(argument);
        }
        using var sipp = Process.Start(start)!;
        var output = sipp.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = sipp.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await sipp.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (sipp.ExitCode, await output + await errors);
    }

    [Theory]
    [InlineData("options.xml")]
    [InlineData("bad-request.xml")]
    [InlineData("invite-not-implemented.xml")]
    public async Task Scenario_EveryCallSucceeds(string scenario)
    {
        var (exitCode, output) = await RunAsync(scenario, calls: 20);

        Assert.True(exitCode == 0, $"sipp exited {exitCode}:\n{output}");
    }

    public ValueTask DisposeAsync() => endpoint.DisposeAsync();
}
