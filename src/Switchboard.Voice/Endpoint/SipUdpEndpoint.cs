using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Switchboard.Voice.Sip;

namespace Switchboard.Voice.Endpoint;

/// <summary>Where the SIP endpoint listens and how it times its transactions.</summary>
public sealed record SipEndpointOptions
{
    /// <summary>The address to bind; any IPv4 address by default.</summary>
    public IPAddress Address { get; init; } = IPAddress.Any;

    /// <summary>The UDP port; 5060 by default, 0 for one the system picks.</summary>
    public int Port { get; init; } = 5060;

    public SipTimers Timers { get; init; } = SipTimers.Default;

    /// <summary>How often the transactions' timers are checked; a tenth of T1 keeps retransmissions close to due.</summary>
    public TimeSpan TimerResolution { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The Server header's value.</summary>
    public string Product { get; init; } = "Switchboard";

    /// <summary>
    /// Told of an exception while handling one datagram or one timer tick (a bug): the host logs it. The endpoint drops
    /// that datagram or tick and goes on serving every other call rather than going silent.
    /// </summary>
    public Action<Exception>? Fault { get; init; }
}

/// <summary>
/// A SIP user agent server over UDP (RFC 3261 §18): reads datagrams, keeps the server transactions (§17.2) and drives
/// their timers from a <see cref="TimeProvider"/>, answers OPTIONS with 200, requests that do not parse with 400 when
/// enough header lines could be read to address a response (with the reason in a Warning header), and other methods
/// with 501 until the call layer handles them. Responses go where the top Via says (§18.2.2), with RFC 3581's rport.
/// </summary>
public sealed class SipUdpEndpoint : IAsyncDisposable
{
    /// <summary>The methods answered with more than 501; grows as the call layer takes INVITE, BYE and CANCEL.</summary>
    public const string AllowedMethods = "OPTIONS";

    private readonly Socket socket;
    private readonly SipEndpointOptions options;
    private readonly TimeProvider time;
    private readonly Dictionary<SipTransactionKey, SipServerTransaction> transactions = [];
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task receiving;
    private readonly Task ticking;
    private long handled;

    private SipUdpEndpoint(Socket socket, SipEndpointOptions options, TimeProvider time)
    {
        this.socket = socket;
        this.options = options;
        this.time = time;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        // Made here, not in the loop: a clock that moves before the loop first runs must still find the timer set.
        var timer = new PeriodicTimer(options.TimerResolution, time);
        receiving = Task.Run(ReceiveAsync);
        ticking = Task.Run(() => TickAsync(timer));
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Datagrams taken in so far (handled or dropped by a fault): what a test waits on instead of sleeping.</summary>
    internal long Handled => Interlocked.Read(ref handled);

    /// <summary>Transactions not yet terminated.</summary>
    public int TransactionCount
    {
        get
        {
            lock (gate)
            {
                return transactions.Count;
            }
        }
    }

    /// <summary>Binds the socket and starts reading; throws <see cref="SocketException"/> when the port is taken.</summary>
    public static SipUdpEndpoint Start(SipEndpointOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var socket = new Socket(options.Address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(options.Address, options.Port));
        }
        catch (SocketException)
        {
            socket.Dispose();
            throw;
        }
        return new SipUdpEndpoint(socket, options, time);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[65_535];
        var anyone = new IPEndPoint(options.Address.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, anyone, stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException)
            {
                // An ICMP error for an earlier send surfaces here; the socket is still good.
                continue;
            }
            List<(SipResponse, IPEndPoint)> outgoing;
            try
            {
                lock (gate)
                {
                    outgoing = Handle(buffer.AsSpan(0, received.ReceivedBytes), (IPEndPoint)received.RemoteEndPoint, time.GetUtcNow());
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                options.Fault?.Invoke(e);
                continue;
            }
            finally
            {
                Interlocked.Increment(ref handled);
            }
            await SendAsync(outgoing).ConfigureAwait(false);
        }
    }

    private async Task TickAsync(PeriodicTimer timer)
    {
        using var owned = timer;
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token).ConfigureAwait(false))
            {
                var outgoing = new List<(SipResponse, IPEndPoint)>();
                try
                {
                    Tick(outgoing);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    options.Fault?.Invoke(e);
                }
                await SendAsync(outgoing).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void Tick(List<(SipResponse, IPEndPoint)> outgoing)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var ended = new List<SipTransactionKey>();
            foreach (var (key, transaction) in transactions)
            {
                foreach (var response in transaction.AdvanceTo(now))
                {
                    AddAddressed(outgoing, response, null);
                }
                if (transaction.IsTerminated)
                {
                    ended.Add(key);
                }
            }
            foreach (var key in ended)
            {
                transactions.Remove(key);
            }
        }
    }

    private List<(SipResponse, IPEndPoint)> Handle(ReadOnlySpan<byte> datagram, IPEndPoint source, DateTimeOffset now)
    {
        var outgoing = new List<(SipResponse, IPEndPoint)>();
        switch (SipParser.Parse(datagram))
        {
            case SipParse.Refused { Method: { } method } refused when method != SipMethods.Ack:
                if (SipResponses.ToUnparsed(method, Stamp(refused.Headers, source), 400, "Bad Request", NewTag()) is { } badRequest)
                {
                    var warning = $"399 {LocalEndPoint} \"{refused.Reason.Replace('"', '\'')}\"";
                    badRequest = badRequest with { Headers = badRequest.Headers.Add(new SipHeader(SipHeaderNames.Warning, warning)) };
                    AddAddressed(outgoing, badRequest, source);
                }
                break;
            case SipParse.Parsed { Message: SipRequest request }:
                request = request with { Headers = Stamp(request.Headers, source) };
                var key = SipTransactionKey.ForRequest(request)!.Value;
                if (transactions.TryGetValue(key, out var existing))
                {
                    foreach (var response in existing.Receive(request, now))
                    {
                        AddAddressed(outgoing, response, source);
                    }
                }
                else if (request.Method != SipMethods.Ack)
                {
                    // An ACK matching no transaction acknowledges a 2xx, which the dialog layer will take.
                    foreach (var response in Begin(key, request, now))
                    {
                        AddAddressed(outgoing, response, source);
                    }
                }
                break;
            default:
                // Responses await the client transactions of the call layer; other refusals cannot be answered.
                break;
        }
        return outgoing;
    }

    private IEnumerable<SipResponse> Begin(SipTransactionKey key, SipRequest request, DateTimeOffset now)
    {
        var answer = request.Method == SipMethods.Options
            ? SipResponses.To(request, 200, "OK", NewTag())
            : SipResponses.To(request, 501, "Not Implemented", NewTag());
        var headers = answer.Headers
            .Add(new SipHeader(SipHeaderNames.Allow, AllowedMethods))
            .Add(new SipHeader(SipHeaderNames.Accept, "application/sdp"))
            .Add(new SipHeader("Server", options.Product));
        answer = answer with { Headers = headers };
        if (request.Method == SipMethods.Invite)
        {
            var (invite, trying) = InviteServerTransaction.Begin(request, options.Timers);
            transactions[key] = invite;
            return [trying, .. invite.Respond(answer, now)];
        }
        var transaction = new NonInviteServerTransaction(request, options.Timers);
        transactions[key] = transaction;
        return transaction.Respond(answer, now);
    }

    /// <summary>Marks the top Via with the address the request came from (RFC 3261 §18.2.1, RFC 3581 §4).</summary>
    private static ValueList<SipHeader> Stamp(ValueList<SipHeader> headers, IPEndPoint source)
    {
        var result = new List<SipHeader>(headers.Count);
        var stamped = false;
        foreach (var header in headers)
        {
            if (stamped || !SipHeaderNames.SameName(header.Name, SipHeaderNames.Via))
            {
                result.Add(header);
                continue;
            }
            stamped = true;
            var values = SipGrammar.SplitList(header.Value);
            if (SipVia.Parse(values[0]) is not { } top)
            {
                result.Add(header);
                continue;
            }
            var address = source.Address.ToString();
            if (top.HasRport)
            {
                top = top.With("received", address).With("rport", source.Port.ToString(CultureInfo.InvariantCulture));
            }
            else if (!string.Equals(top.Host, address, StringComparison.OrdinalIgnoreCase))
            {
                top = top.With("received", address);
            }
            values[0] = top.ToString();
            result.Add(header with { Value = string.Join(", ", values) });
        }
        return new ValueList<SipHeader>(result);
    }

    /// <summary>Sends a response to the received address and rport of its top Via, else to its sent-by (§18.2.2);
    /// a sent-by that is a name, not an address, falls back to where the request came from.</summary>
    private static void AddAddressed(List<(SipResponse, IPEndPoint)> outgoing, SipResponse response, IPEndPoint? source)
    {
        if (response.Vias is not [var top, ..])
        {
            return;
        }
        var host = top.Received ?? top.Host.Trim('[', ']');
        var port = top.Rport ?? top.Port ?? 5060;
        if (IPAddress.TryParse(host, out var address))
        {
            outgoing.Add((response, new IPEndPoint(address, port)));
        }
        else if (source is not null)
        {
            outgoing.Add((response, source));
        }
    }

    private async Task SendAsync(List<(SipResponse Response, IPEndPoint To)> outgoing)
    {
        foreach (var (response, to) in outgoing)
        {
            try
            {
                await socket.SendToAsync(response.ToBytes(), SocketFlags.None, to, stopping.Token).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                // An unreachable peer loses its response as UDP would; the transaction's retransmissions carry on.
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static string NewTag() => RandomNumberGenerator.GetHexString(10, lowercase: true);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        socket.Dispose();
        try
        {
            await Task.WhenAll(receiving, ticking).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The socket closed under a pending receive.
        }
        stopping.Dispose();
    }
}
