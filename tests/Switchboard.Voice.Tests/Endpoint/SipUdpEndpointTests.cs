using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Voice.Endpoint;
using Switchboard.Voice.Sip;

namespace Switchboard.Voice.Tests.Endpoint;

public sealed class SipUdpEndpointTests : IAsyncDisposable
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly SipUdpEndpoint endpoint;
    private readonly UdpClient phone = new(new IPEndPoint(IPAddress.Loopback, 0));

    public SipUdpEndpointTests()
    {
        endpoint = SipUdpEndpoint.Start(new SipEndpointOptions { Address = IPAddress.Loopback, Port = 0 }, time);
    }

    private int PhonePort => ((IPEndPoint)phone.Client.LocalEndPoint!).Port;

    private string Request(string method, string branch, string hops = "70") =>
        $"{method} sip:queue@127.0.0.1:{endpoint.LocalEndPoint.Port} SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:{PhonePort};branch=z9hG4bK{branch};rport\r\n" +
        $"Max-Forwards: {hops}\r\n" +
        $"From: <sip:phone@127.0.0.1:{PhonePort}>;tag=p1\r\n" +
        "To: <sip:queue@127.0.0.1>\r\n" +
        $"Call-ID: {branch}@phone\r\n" +
        $"CSeq: 1 {method}\r\n" +
        "Content-Length: 0\r\n\r\n";

    private async Task SendAsync(string text) =>
        await phone.SendAsync(Encoding.UTF8.GetBytes(text), endpoint.LocalEndPoint, TestContext.Current.CancellationToken);

    private async Task<SipResponse?> ReceiveAsync(TimeSpan? within = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(within ?? TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                // The endpoint echoes what it was sent, so a response to a mangled request may not parse; skip those.
                var datagram = await phone.ReceiveAsync(timeout.Token);
                if (SipParser.Parse(datagram.Buffer) is SipParse.Parsed { Message: SipResponse response })
                {
                    return response;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Moves the fake clock and gives the endpoint's timer loop a moment to act on it.</summary>
    /// <summary>Waits until the endpoint has taken in <paramref name="count"/> datagrams, so the clock moves only after them.</summary>
    private async Task HandledAsync(long count)
    {
        for (var waited = 0; endpoint.Handled < count; waited++)
        {
            Assert.True(waited < 1000, "The endpoint never took the datagram in.");
            await Task.Yield();
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

    private async Task AdvanceAsync(TimeSpan by)
    {
        time.Advance(by);
        await Task.Delay(50, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Options_IsAnswered200WithAllowAcceptAndRport()
    {
        await SendAsync(Request("OPTIONS", "o1"));

        var response = await ReceiveAsync();

        Assert.NotNull(response);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(SipUdpEndpoint.AllowedMethods, response.Header("Allow"));
        Assert.Equal("application/sdp", response.Header("Accept"));
        Assert.NotNull(response.To!.Tag);
        Assert.Equal(PhonePort, response.Vias[0].Rport);
        Assert.Equal("o1@phone", response.CallId);
    }

    [Fact]
    public async Task Options_Retransmitted_IsAnsweredFromItsTransactionWithTheSameTag()
    {
        await SendAsync(Request("OPTIONS", "o2"));
        var first = await ReceiveAsync();

        await SendAsync(Request("OPTIONS", "o2"));
        var again = await ReceiveAsync();

        Assert.Equal(first, again);
        Assert.Equal(1, endpoint.TransactionCount);
    }

    [Fact]
    public async Task Options_TransactionIsForgottenAfterTimerJ()
    {
        await SendAsync(Request("OPTIONS", "o3"));
        await ReceiveAsync();

        await AdvanceAsync(SipTimers.Default.GiveUp);
        await AdvanceAsync(TimeSpan.FromMilliseconds(50));

        Assert.Equal(0, endpoint.TransactionCount);
    }

    [Fact]
    public async Task MalformedRequest_IsAnswered400WithTheReasonInAWarning()
    {
        await SendAsync(Request("OPTIONS", "b1", hops: "seventy"));

        var response = await ReceiveAsync();

        Assert.NotNull(response);
        Assert.Equal(400, response.StatusCode);
        Assert.Contains("malformed Max-Forwards \'seventy\'", response.Header("Warning"), StringComparison.Ordinal);
        Assert.Equal("b1@phone", response.CallId);
        Assert.Equal(PhonePort, response.Vias[0].Rport);
    }

    [Fact]
    public async Task Garbage_IsIgnoredAndTheEndpointCarriesOn()
    {
        await phone.SendAsync(new byte[] { 0, 1, 2, 3, 0xFF }, endpoint.LocalEndPoint, TestContext.Current.CancellationToken);
        await SendAsync("NOT SIP AT ALL\r\n\r\n");
        var nothing = await ReceiveAsync(TimeSpan.FromMilliseconds(300));

        await SendAsync(Request("OPTIONS", "g1"));

        Assert.Null(nothing);
        Assert.Equal(200, (await ReceiveAsync())?.StatusCode);
    }

    [Fact]
    public async Task ThousandsOfMangledDatagrams_NeverStopTheEndpoint()
    {
        var random = new Random(8);
        var valid = Encoding.UTF8.GetBytes(Request("OPTIONS", "m0"));
        for (var i = 0; i < 5_000; i++)
        {
            var datagram = valid[..random.Next(1, valid.Length + 1)];
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                datagram[random.Next(datagram.Length)] = (byte)random.Next(256);
            }
            await phone.SendAsync(datagram, endpoint.LocalEndPoint, TestContext.Current.CancellationToken);
        }

        // Socket buffers drop some of the flood, and may drop the question too, so it is asked again as a phone would.
        SipResponse? answer = null;
        for (var attempt = 0; attempt < 10 && answer is null; attempt++)
        {
            await SendAsync(Request("OPTIONS", "after"));
            while (answer is null && await ReceiveAsync(TimeSpan.FromSeconds(1)) is { } response)
            {
                answer = response.CallId == "after@phone" ? response : null;
            }
        }

        Assert.Equal(200, answer?.StatusCode);
    }

    [Fact]
    public async Task OtherMethods_AreAnswered501()
    {
        await SendAsync(Request("REGISTER", "r1"));

        Assert.Equal(501, (await ReceiveAsync())?.StatusCode);
    }

    [Fact]
    public async Task Invite_GetsTryingThen501RetransmittedOnTheFakeClockUntilAcknowledged()
    {
        await SendAsync(Request("INVITE", "i1"));
        var trying = await ReceiveAsync();
        var refused = await ReceiveAsync();

        await AdvanceAsync(TimeSpan.FromMilliseconds(500));
        var retransmitted = await ReceiveAsync();
        var taken = endpoint.Handled;
        await SendAsync(Request("ACK", "i1"));
        await HandledAsync(taken + 1);
        await AdvanceAsync(TimeSpan.FromSeconds(2));
        var afterAck = await ReceiveAsync(TimeSpan.FromMilliseconds(300));
        await AdvanceAsync(SipTimers.Default.T4);

        Assert.Equal(100, trying?.StatusCode);
        Assert.Equal(501, refused?.StatusCode);
        Assert.Equal(refused, retransmitted);
        Assert.Null(afterAck);
        Assert.Equal(0, endpoint.TransactionCount);
    }

    [Fact]
    public async Task Start_PortTaken_Throws()
    {
        await Assert.ThrowsAsync<SocketException>(async () =>
        {
            await using var second = SipUdpEndpoint.Start(new SipEndpointOptions { Address = IPAddress.Loopback, Port = endpoint.LocalEndPoint.Port }, time);
        });
    }

    public async ValueTask DisposeAsync()
    {
        phone.Dispose();
        await endpoint.DisposeAsync();
    }
}
