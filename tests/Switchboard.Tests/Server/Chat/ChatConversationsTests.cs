using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Switchboard.Tests.Server.Realtime;

namespace Switchboard.Tests.Server.Chat;

/// <summary>The agent's side of a chat through the desk hub, and transcripts sent to a real SMTP server on loopback.</summary>
public class ChatConversationsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Hub_AgentHoldingTheChat_SendsAndIsPushedTheCustomersMessages_NotBeforeAccepting(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await ChatApiTests.SeedAsync(app);
        var token = await app.TokenAsync("ann@test.example", ["agent"], agent: "ann");
        await using var desk = await HubInbox.OpenAsync(app, "/hubs/agent", token, ["DeskState", "OfferMade", "ChatMessage"]);
        await desk.NextAsync("DeskState");
        var (id, customerToken, _) = await ChatApiTests.StartAsync(app.Client());
        var chat = ChatApiTests.Customer(app, customerToken);
        var offer = (await desk.NextAsync("OfferMade")).GetProperty("offer").GetInt64();

        var early = await Assert.ThrowsAsync<HubException>(() => desk.Connection.InvokeAsync<long>("SendMessage", id, "Too soon", "a0"));
        await desk.Connection.InvokeAsync<string>("Accept", offer);
        await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "Hello", clientMessageId = "c1" });
        var pushed = await desk.NextAsync("ChatMessage", m => m.GetProperty("sender").GetString() == "customer");
        var sequence = await desk.Connection.InvokeAsync<long>("SendMessage", id, "Hi, I am Ann", "a1");
        await desk.Connection.InvokeAsync("Typing", id);
        var view = await chat.GetFromJsonAsync<JsonElement>($"/api/chat/conversations/{id}");
        var last = view.GetProperty("messages")[1];

        Assert.Contains("not in this conversation", early.Message, StringComparison.Ordinal);
        Assert.Equal((id, 1L, "Hello"), (pushed.GetProperty("conversation").GetGuid(), pushed.GetProperty("sequence").GetInt64(), pushed.GetProperty("text").GetString()));
        Assert.Equal(2, sequence);
        Assert.Equal(("agent", "Ann Example", "Hi, I am Ann"), (last.GetProperty("sender").GetString(), last.GetProperty("agent").GetString(), last.GetProperty("text").GetString()));
        Assert.Equal("connected", view.GetProperty("state").GetProperty("state").GetString());
        Assert.DoesNotContain("\"ann\"", view.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Transcript_WithAMailServer_IsSentAsPlainTextWithEveryMessage(string provider)
    {
        using var smtp = await StartSmtpServerAsync(0);
        await using var app = await TestApp.StartAsync(provider, configuration: MailAt(smtp.Port));
        await ChatApiTests.SeedAsync(app);
        var (id, token, _) = await ChatApiTests.StartAsync(app.Client());
        var chat = ChatApiTests.Customer(app, token);
        await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "Where is invoice 4711?", clientMessageId = "c1" });

        var sent = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/transcript", new { email = "jo@example.com" });
        var output = await ReadUntilAsync(smtp, "invoice 4711");

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Contains("jo@example.com", output, StringComparison.Ordinal);
        Assert.Contains("You: Where is invoice 4711?", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Transcript_NothingListeningOnTheMailPort_Answers503WithoutTheErrorsText(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, configuration: MailAt(FreePort()));
        await ChatApiTests.SeedAsync(app);
        var (id, token, _) = await ChatApiTests.StartAsync(app.Client());
        var chat = ChatApiTests.Customer(app, token);
        await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "Where is invoice 4711?", clientMessageId = "c1" });

        var refused = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/transcript", new { email = "jo@example.com" });
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var view = await chat.GetFromJsonAsync<JsonElement>($"/api/chat/conversations/{id}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The transcript could not be sent now; try again later.", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("refused", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Where is invoice 4711?", view.GetProperty("messages")[0].GetProperty("text").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Transcript_MailServerBackAfterARefusal_IsSentOnTheNextRequest(string provider)
    {
        var port = FreePort();
        await using var app = await TestApp.StartAsync(provider, configuration: MailAt(port));
        await ChatApiTests.SeedAsync(app);
        var (id, token, _) = await ChatApiTests.StartAsync(app.Client());
        var chat = ChatApiTests.Customer(app, token);
        await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/messages", new { text = "Where is invoice 4711?", clientMessageId = "c1" });
        var refused = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/transcript", new { email = "jo@example.com" });
        using var smtp = await StartSmtpServerAsync(port);

        var sent = await chat.PostAsJsonAsync($"/api/chat/conversations/{id}/transcript", new { email = "jo@example.com" });
        var output = await ReadUntilAsync(smtp, "invoice 4711");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.Accepted), (refused.StatusCode, sent.StatusCode));
        Assert.Contains("You: Where is invoice 4711?", output, StringComparison.Ordinal);
    }

    private static string[] MailAt(int port) =>
        ["--Switchboard:Mail:Host=127.0.0.1", $"--Switchboard:Mail:Port={port}", "--Switchboard:Mail:Sender=chat@centre.example"];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Debian's aiosmtpd (python3-aiosmtpd) on <paramref name="port"/> (0: any free port), printing each message it
    /// receives; returns once the server says it is listening, so no test waits on the clock. Skipped without it.
    /// </summary>
    private static async Task<SmtpProcess> StartSmtpServerAsync(int port)
    {
        const string Python = "/usr/bin/python3";
        if (!File.Exists(Python) || Process.Start(new ProcessStartInfo(Python, "-c \"import aiosmtpd\"") { RedirectStandardError = true }) is not { } probe
            || !probe.WaitForExit(10_000) || probe.ExitCode != 0)
        {
            Assert.Skip("No SMTP server to test with: install python3-aiosmtpd.");
        }

        // The server prints "serving <port>" only after the socket is bound and listening.
        const string Server = """
            import asyncio, sys
            from aiosmtpd.smtp import SMTP
            from aiosmtpd.handlers import Debugging
            async def main():
                server = await asyncio.get_running_loop().create_server(lambda: SMTP(Debugging(sys.stdout)), '127.0.0.1', int(sys.argv[1]))
                print('serving', server.sockets[0].getsockname()[1], flush=True)
                await server.serve_forever()
            asyncio.run(main())
            """;
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-u", "-c", Server, port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var smtp = new SmtpProcess(Process.Start(start)!);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var ready = await smtp.Process.StandardOutput.ReadLineAsync(timeout.Token);
        if (ready is null || !ready.StartsWith("serving ", StringComparison.Ordinal))
        {
            var error = await smtp.Process.StandardError.ReadToEndAsync(timeout.Token);
            smtp.Dispose();
            Assert.Fail("The SMTP server did not start: " + error);
        }

        smtp.Port = int.Parse(ready["serving ".Length..], CultureInfo.InvariantCulture);
        return smtp;
    }

    private static async Task<string> ReadUntilAsync(SmtpProcess smtp, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new StringBuilder();
        // aiosmtpd's debugging handler closes each message it prints with this line.
        while (!seen.ToString().Contains(text, StringComparison.Ordinal) || !seen.ToString().Contains("END MESSAGE", StringComparison.Ordinal))
        {
            var line = await smtp.Process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The SMTP server stopped: " + seen);
            seen.AppendLine(line);
        }

        return seen.ToString();
    }

    private sealed class SmtpProcess(Process process) : IDisposable
    {
        public Process Process => process;

        /// <summary>The port the server listens on.</summary>
        public int Port { get; set; }

        public void Dispose()
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }
}
