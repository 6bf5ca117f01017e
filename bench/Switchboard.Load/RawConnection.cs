using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Switchboard.Load;

/// <summary>
/// <c>--client raw</c> (the default): one TCP socket per customer speaking keep-alive HTTP/1.1 by hand, so the measured
/// machine's cores go to the server rather than to the client. The request is written into a reusable buffer from UTF-8
/// literals, the path, and the <c>Host</c> and <c>Authorization</c> lines encoded once; the answer is read into another
/// reusable buffer and parsed for exactly what Kestrel sends (status line, <c>Content-Length</c> or
/// <c>Transfer-Encoding: chunked</c>, <c>Connection: close</c>), and only the fields the lifecycle needs are read
/// (<see cref="ReplyFields"/>). A broken connection, a malformed answer or none within <see cref="ILoadConnection.Timeout"/>
/// closes the socket and throws <see cref="TransportFailure"/>; the next request connects afresh.
/// </summary>
internal sealed class RawConnection(IPEndPoint server, byte[] fixedHeaders) : ILoadConnection
{
    // Answers here are a few hundred bytes; an agent's offers list or an error's problem details can be longer.
    private const int HeadersLimit = 64 * 1024;
    private const int BodyLimit = 4 * 1024 * 1024;

    private readonly ReplyFields fields = new();
    private byte[] request = new byte[1024];
    private byte[] answer = new byte[8 * 1024];
    private Socket? socket;
    private CancellationTokenSource timeout = new();

    // answer[consumed..received) is what the server sent after the previous answer (nothing, without pipelining).
    private int consumed;
    private int received;

    /// <summary>A factory of connections to <paramref name="address"/> that send <paramref name="bearerToken"/> with every request.</summary>
    public static Func<ILoadConnection> To(Uri address, string bearerToken)
    {
        var endPoint = new IPEndPoint(IPAddress.Parse(address.Host), address.Port);
        var headers = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"Host: {address.Authority}\r\nAuthorization: Bearer {bearerToken}\r\n"));
        return () => new RawConnection(endPoint, headers);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Reply> SendAsync(HttpMethod method, string path, ReadOnlyMemory<byte> body, Guid? idempotencyKey, Expect expect)
    {
        var length = WriteRequest(method, path, body.Span, idempotencyKey);
        if (!timeout.TryReset())
        {
            timeout.Dispose();
            timeout = new CancellationTokenSource();
        }

        timeout.CancelAfter(ILoadConnection.Timeout);
        var cancel = timeout.Token;
        try
        {
            var connection = socket ??= await ConnectAsync(cancel);
            for (var sent = 0; sent < length;)
            {
                sent += await connection.SendAsync(request.AsMemory(sent, length - sent), SocketFlags.None, cancel);
            }

            var (status, bodyStart, bodyEnd, close) = await ReceiveAsync(connection, method == HttpMethod.Head, cancel);
            var reply = status is >= 200 and <= 299 && expect != Expect.Nothing
                ? fields.Read(status, answer.AsSpan(bodyStart, bodyEnd - bodyStart), expect)
                : new Reply(status);
            if (close)
            {
                Close();
            }

            return reply;
        }
        catch (Exception failure) when (failure is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            Close();
            throw new TransportFailure(cancel.IsCancellationRequested ? "timeout" : "transport", failure.Message, failure);
        }
        catch (Exception failure) when (failure is InvalidDataException or JsonException or FormatException or InvalidOperationException)
        {
            Close();
            throw new TransportFailure("malformed", failure.Message, failure);
        }
    }

    public void Dispose()
    {
        Close();
        timeout.Dispose();
    }

    private static async ValueTask<Socket> ConnectAsync(IPEndPoint server, CancellationToken cancel)
    {
        var connection = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await connection.ConnectAsync(server, cancel);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private ValueTask<Socket> ConnectAsync(CancellationToken cancel)
    {
        consumed = received = 0;
        return ConnectAsync(server, cancel);
    }

    private void Close()
    {
        socket?.Dispose();
        socket = null;
        consumed = received = 0;
    }

    /// <summary>Writes the request into <see cref="request"/>; returns its length in bytes.</summary>
    private int WriteRequest(HttpMethod method, string path, ReadOnlySpan<byte> body, Guid? idempotencyKey)
    {
        var most = 160 + Encoding.UTF8.GetMaxByteCount(path.Length) + fixedHeaders.Length + body.Length;
        if (request.Length < most)
        {
            request = new byte[most * 2];
        }

        var span = request.AsSpan();
        var at = Append(span, 0, method == HttpMethod.Post ? "POST "u8 : method == HttpMethod.Get ? "GET "u8 : method == HttpMethod.Put ? "PUT "u8 : Encoding.ASCII.GetBytes(method.Method + " "));
        at += Encoding.UTF8.GetBytes(path, span[at..]);
        at = Append(span, at, " HTTP/1.1\r\n"u8);
        at = Append(span, at, fixedHeaders);
        if (idempotencyKey is { } key)
        {
            at = Append(span, at, "Idempotency-Key: "u8);
            key.TryFormat(span[at..], out var written);
            at = Append(span, at + written, "\r\n"u8);
        }

        if (!body.IsEmpty)
        {
            at = Append(span, at, "Content-Type: application/json; charset=utf-8\r\nContent-Length: "u8);
            Utf8Formatter.TryFormat(body.Length, span[at..], out var written);
            at = Append(span, at + written, "\r\n\r\n"u8);
            return Append(span, at, body);
        }

        // A POST or PUT without a body still says so, as HttpClient does; a GET says nothing.
        return Append(span, at, method == HttpMethod.Get || method == HttpMethod.Head ? "\r\n"u8 : "Content-Length: 0\r\n\r\n"u8);
    }

    private static int Append(Span<byte> to, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(to[at..]);
        return at + bytes.Length;
    }

    /// <summary>
    /// Reads one answer: returns its status, where its body lies in <see cref="answer"/> (chunks already joined in place)
    /// and whether the server will close the connection.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(int Status, int BodyStart, int BodyEnd, bool Close)> ReceiveAsync(Socket connection, bool head, CancellationToken cancel)
    {
        // Whatever followed the previous answer moves to the front.
        if (consumed > 0)
        {
            answer.AsSpan(consumed, received - consumed).CopyTo(answer);
            received -= consumed;
            consumed = 0;
        }

        int headersEnd;
        while ((headersEnd = answer.AsSpan(0, received).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (received >= HeadersLimit)
            {
                throw new InvalidDataException("The answer's headers are over 64 KiB.");
            }

            await ReceiveMoreAsync(connection, cancel);
        }

        var (status, contentLength, chunked, close) = ParseHeaders(answer.AsSpan(0, headersEnd + 2));
        var bodyStart = headersEnd + 4;
        if (head || status is 204 or 304 || (status < 200 && status != 101))
        {
            if (status < 200)
            {
                throw new InvalidDataException($"Unexpected interim answer {status}.");
            }

            consumed = bodyStart;
            return (status, bodyStart, bodyStart, close);
        }

        if (chunked)
        {
            var bodyEnd = await ReadChunksAsync(connection, bodyStart, cancel);
            return (status, bodyStart, bodyEnd, close);
        }

        if (contentLength < 0)
        {
            // Kestrel always frames a keep-alive answer; reading to the end of the connection is not needed here.
            throw new InvalidDataException("The answer has neither Content-Length nor chunked encoding.");
        }

        if (contentLength > BodyLimit)
        {
            throw new InvalidDataException($"The answer's body ({contentLength} bytes) is over 4 MiB.");
        }

        var end = bodyStart + (int)contentLength;
        while (received < end)
        {
            await ReceiveMoreAsync(connection, cancel, end);
        }

        consumed = end;
        return (status, bodyStart, end, close);
    }

    /// <summary>Joins the chunks starting at <paramref name="at"/> in place; returns the end of the joined body.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadChunksAsync(Socket connection, int at, CancellationToken cancel)
    {
        var bodyEnd = at;
        while (true)
        {
            int lineEnd;
            while ((lineEnd = answer.AsSpan(at, received - at).IndexOf("\r\n"u8)) < 0)
            {
                if (received - at > 1024)
                {
                    throw new InvalidDataException("A chunk size line is over 1 KiB.");
                }

                await ReceiveMoreAsync(connection, cancel);
            }

            var line = answer.AsSpan(at, lineEnd);
            var extension = line.IndexOf((byte)';');
            if (extension >= 0)
            {
                line = line[..extension];
            }

            if (!Utf8Parser.TryParse(line.Trim((byte)' '), out int size, out var used, 'x') || used != line.Trim((byte)' ').Length || size < 0)
            {
                throw new InvalidDataException("A chunk size is not hexadecimal.");
            }

            at += lineEnd + 2;
            if (size == 0)
            {
                // Trailers, if any, end with an empty line.
                while (true)
                {
                    while ((lineEnd = answer.AsSpan(at, received - at).IndexOf("\r\n"u8)) < 0)
                    {
                        if (received - at > HeadersLimit)
                        {
                            throw new InvalidDataException("The trailers are over 64 KiB.");
                        }

                        await ReceiveMoreAsync(connection, cancel);
                    }

                    at += lineEnd + 2;
                    if (lineEnd == 0)
                    {
                        consumed = at;
                        return bodyEnd;
                    }
                }
            }

            if (bodyEnd + size > BodyLimit)
            {
                throw new InvalidDataException("The answer's body is over 4 MiB.");
            }

            while (received < at + size + 2)
            {
                await ReceiveMoreAsync(connection, cancel, at + size + 2);
            }

            if (!answer.AsSpan(at + size, 2).SequenceEqual("\r\n"u8))
            {
                throw new InvalidDataException("A chunk does not end with CRLF.");
            }

            // Overlapping copy towards the front (memmove semantics): the body ends up contiguous.
            answer.AsSpan(at, size).CopyTo(answer.AsSpan(bodyEnd));
            bodyEnd += size;
            at += size + 2;
        }
    }

    /// <summary>Receives at least one more byte into <see cref="answer"/>, growing it to hold <paramref name="needed"/> bytes.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReceiveMoreAsync(Socket connection, CancellationToken cancel, int needed = 0)
    {
        if (received == answer.Length || needed > answer.Length)
        {
            var grown = new byte[Math.Max(answer.Length * 2, needed)];
            answer.AsSpan(0, received).CopyTo(grown);
            answer = grown;
        }

        var count = await connection.ReceiveAsync(answer.AsMemory(received), SocketFlags.None, cancel);
        if (count == 0)
        {
            throw new IOException("The server closed the connection mid-answer.");
        }

        received += count;
    }

    /// <summary>Reads the status line and the framing headers (the span ends with the last header's CRLF).</summary>
    private static (int Status, long ContentLength, bool Chunked, bool Close) ParseHeaders(ReadOnlySpan<byte> headers)
    {
        // "HTTP/1.1 200 OK"
        var lineEnd = headers.IndexOf("\r\n"u8);
        var statusLine = headers[..lineEnd];
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != ' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var used) || used != 3)
        {
            throw new InvalidDataException("The status line is not HTTP/1.x.");
        }

        var close = statusLine[7] == (byte)'0';
        long contentLength = -1;
        var chunked = false;
        var rest = headers[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            lineEnd = rest.IndexOf("\r\n"u8);
            var line = rest[..lineEnd];
            rest = rest[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw new InvalidDataException("A header line has no name.");
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out contentLength, out used) || used != value.Length || contentLength < 0)
                {
                    throw new InvalidDataException("Content-Length is not a number.");
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                chunked = value.Length >= 7 && Ascii.EqualsIgnoreCase(value[^7..], "chunked"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                close |= Ascii.EqualsIgnoreCase(value, "close"u8);
            }
        }

        return (status, contentLength, chunked, close);
    }
}
