using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MimeKit;
using Switchboard.Server.Chat;
using Switchboard.Server.Complaints;
using Switchboard.Tests.Server.Email;

namespace Switchboard.Tests.Server.Complaints;

/// <summary>The complaint-handling survey's invitation mailed to the customer, against a real Postfix and Dovecot on
/// loopback (<see cref="MailServers"/>): in the background once the complaint closes, or later from the clock monitor.</summary>
public partial class ComplaintSurveyMailTests
{
    private const string Customer = "customer@test.example";
    private const string PublicUrl = "--Switchboard:PublicUrl=https://switchboard.test.example/centre";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Closure_MailsTheInvitationOnce_WithAnAbsoluteLinkWhoseTokenAnswers(string provider)
    {
        await using var mail = await MailServers.StartAsync();
        await using var app = await TestApp.StartAsync(provider, configuration: [.. mail.Settings, PublicUrl]);
        var (admin, reference) = await CloseAComplaintAsync(app);

        var invitation = await mail.WaitForMessageAsync(Customer, m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true);
        var link = Link(invitation);
        var shown = await app.Client().GetFromJsonAsync<JsonElement>("/api/public/complaint-surveys/" + link.Segments[^1]);
        var staffView = await admin.GetFromJsonAsync<JsonElement>($"/api/complaints/{reference}/survey");
        // Reopened and closed again, and the monitor's next round: neither mails it a second time.
        await ComplaintSurveysTests.ReopenAndCloseAgainAsync(admin, reference);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        await app.Services.GetRequiredService<ComplaintClocks>().SweepAndMailAsync(CancellationToken.None);

        Assert.Equal("auto-generated", invitation.Headers["Auto-Submitted"]);
        Assert.Equal("support@test.example", invitation.From.Mailboxes.Single().Address);
        Assert.NotNull(invitation.Headers[Switchboard.Email.MailboxIdentity.LoopHeader]);
        Assert.Contains(ComplaintSurveys.Question, invitation.TextBody, StringComparison.Ordinal);
        Assert.Equal("https://switchboard.test.example/centre" + staffView.GetProperty("link").GetString(), link.AbsoluteUri);
        Assert.Equal((reference, false), (shown.GetProperty("reference").GetString(), shown.GetProperty("answered").GetBoolean()));
        Assert.Equal(TestApp.Start.AddHours(5), staffView.GetProperty("mailed").GetDateTimeOffset());
        Assert.Single(await mail.InboxAsync(Customer));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MailServerDownAtClosure_TheStepSucceeds_AndTheMonitorMailsItLater(string provider)
    {
        await using var mail = await MailServers.StartAsync();
        // Sending goes to the discard port first, where nothing listens: the invitation cannot leave.
        await using var app = await TestApp.StartAsync(provider, configuration: [.. mail.Settings, PublicUrl, "--Switchboard:Mail:Port=9"]);
        var (admin, reference) = await CloseAComplaintAsync(app);
        await SenderTriedAsync(app);
        var owed = await admin.GetFromJsonAsync<JsonElement>($"/api/complaints/{reference}/survey");

        app.Services.GetRequiredService<IOptions<MailSettings>>().Value.Port = mail.SmtpPort;
        app.Time.Advance(TimeSpan.FromMinutes(2));
        await app.Services.GetRequiredService<ComplaintClocks>().SweepAndMailAsync(CancellationToken.None);
        var invitation = await mail.WaitForMessageAsync(Customer, m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true);
        var mailed = await admin.GetFromJsonAsync<JsonElement>($"/api/complaints/{reference}/survey");
        var shown = await app.Client().GetAsync("/api/public/complaint-surveys/" + Link(invitation).Segments[^1]);

        Assert.Equal(JsonValueKind.Null, owed.GetProperty("mailed").ValueKind);
        Assert.Equal(TestApp.Start.AddHours(5).AddMinutes(2), mailed.GetProperty("mailed").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
    }

    [Fact]
    public async Task MailServerDownForLongerThanTheRetryPeriod_TheInvitationIsKeptUnmailed()
    {
        await using var mail = await MailServers.StartAsync();
        await using var app = await TestApp.StartAsync(configuration: [.. mail.Settings, PublicUrl, "--Switchboard:Mail:Port=9"]);
        var (admin, reference) = await CloseAComplaintAsync(app);
        await SenderTriedAsync(app);

        app.Services.GetRequiredService<IOptions<MailSettings>>().Value.Port = mail.SmtpPort;
        app.Time.Advance(ComplaintSurveyMail.RetryFor + TimeSpan.FromMinutes(1));
        var sent = await app.Services.GetRequiredService<ComplaintSurveyMail>().RetryAsync(CancellationToken.None);
        var invitation = await admin.GetFromJsonAsync<JsonElement>($"/api/complaints/{reference}/survey");

        Assert.Equal(0, sent);
        Assert.Equal(JsonValueKind.Null, invitation.GetProperty("mailed").ValueKind);
        Assert.Empty(await mail.InboxAsync(Customer));
    }

    [Fact]
    public async Task MailServerHangs_TheClosingStepReturnsWhileTheSenderStillWaitsOnIt()
    {
        // A mail server that takes the connection and never greets: a client waits on it until its 30 s timeout.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        await using var mail = await MailServers.StartAsync();
        await using var app = await TestApp.StartAsync(configuration: [.. mail.Settings, PublicUrl, $"--Switchboard:Mail:Port={((IPEndPoint)silent.LocalEndpoint).Port}"]);

        var (_, reference) = await CloseAComplaintAsync(app);
        using var held = await silent.AcceptSocketAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        // Had the closing step sent the mail itself, it would have returned only after the sender gave up and hung up.
        Assert.False(held.Poll(0, SelectMode.SelectRead), $"The sender of {reference}'s invitation had already hung up.");
        Assert.Equal(1, app.Services.GetRequiredService<ComplaintSurveyMail>().Waiting);
    }

    [Fact]
    public async Task WithoutAPublicUrl_TheInvitationIsStoredButNotMailed()
    {
        await using var mail = await MailServers.StartAsync();
        await using var app = await TestApp.StartAsync(configuration: mail.Settings);
        var (admin, reference) = await CloseAComplaintAsync(app);

        app.Time.Advance(TimeSpan.FromMinutes(2));
        var sent = await app.Services.GetRequiredService<ComplaintSurveyMail>().RetryAsync(CancellationToken.None);
        var invitation = await admin.GetFromJsonAsync<JsonElement>($"/api/complaints/{reference}/survey");

        Assert.Equal(0, sent);
        Assert.Equal(JsonValueKind.Null, invitation.GetProperty("mailed").ValueKind);
        Assert.Empty(await mail.InboxAsync(Customer));
    }

    [Theory]
    [InlineData("switchboard.example.com")]
    [InlineData("ftp://switchboard.example.com")]
    [InlineData("https://switchboard.example.com/?a=1")]
    public async Task PublicUrl_NotAnAbsoluteHttpAddress_RefusesToStart(string address)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(configuration: ["--Switchboard:PublicUrl=" + address]));

        Assert.Contains("Switchboard:PublicUrl", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Registers a complaint of <see cref="Customer"/> and handles it to closure, as an administrator.</summary>
    private static async Task<(HttpClient Admin, string Reference)> CloseAComplaintAsync(TestApp app)
    {
        var admin = await app.AdministratorAsync();
        await Seed.ClientAsync(admin, "acme");
        var reference = await ComplaintKpisTests.RegisterAsync(admin, ComplaintKpisTests.Complaint(Customer));
        await ComplaintKpisTests.HandleToClosureAsync(app, admin, reference);
        return (admin, reference);
    }

    /// <summary>Waits until the background sender has tried the invitation the closure owed it (and, on a dead port, given it back).</summary>
    private static async Task SenderTriedAsync(TestApp app)
    {
        var sender = app.Services.GetRequiredService<ComplaintSurveyMail>();
        var tried = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (sender.Waiting == 0)
            {
                tried.TrySetResult();
            }
        }

        // Listening first, then looking: a try that ends in between is seen by one or the other.
        sender.Tried += Check;
        try
        {
            Check();
            await tried.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }
        finally
        {
            sender.Tried -= Check;
        }
    }

    private static Uri Link(MimeMessage invitation) => new(LinkPattern().Match(invitation.TextBody ?? "").Value);

    [GeneratedRegex(@"https?://\S+/complaint-survey/[0-9a-f]{32}")]
    private static partial Regex LinkPattern();
}
