using System.Diagnostics;
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
        var port = FreePort();
        using var smtp = StartSmtpServer(port);
        await WaitForAsync(port);
        await using var app = await TestApp.StartAsync(provider, configuration:
            ["--Switchboard:Mail:Host=127.0.0.1", $"--Switchboard:Mail:Port={port}", "--Switchboard:Mail:Sender=chat@centre.example"]);
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Debian's aiosmtpd (python3-aiosmtpd), printing each message it receives; the test is skipped without it.</summary>
    private static SmtpProcess StartSmtpServer(int port)
    {
        const string Python = "/usr/bin/python3";
        if (!File.Exists(Python) || Process.Start(new ProcessStartInfo(Python, "-c \"import aiosmtpd\"") { RedirectStandardError = true }) is not { } probe
            || !probe.WaitForExit(10_000) || probe.ExitCode != 0)
        {
            Assert.Skip("No SMTP server to test with: install python3-aiosmtpd.");
        }

        var process = Process.Start(new ProcessStartInfo(Python, $"-u -m aiosmtpd -n -c aiosmtpd.handlers.Debugging -l 127.0.0.1:{port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        return new SmtpProcess(process);
    }

    private static async Task WaitForAsync(int port)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Fail("The SMTP server did not start.");
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

        public void Dispose()
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }
}
