using CsCheck;
using Switchboard.Voice.Sip;

namespace Switchboard.Voice.Tests.Sip;

/// <summary>Well-formed SIP messages for round-trip properties.</summary>
internal static class SipGenerators
{
    private static readonly Gen<string> Token = Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~"].Array[1, 12].Select(c => new string(c));
    private static readonly Gen<string> Host = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"].Array[1, 10].Select(Gen.OneOf(".example", ".test", ""), (c, d) => new string(c) + d);
    private static readonly Gen<string> Display = Gen.Char["abc XYZ\"\\é日"].Array[0, 12].Select(c => new string(c));
    private static readonly Gen<SipParameter> Parameter = Gen.Select(Token, Token.Null(), (n, v) => new SipParameter(n, v));

    public static readonly Gen<SipAddress> Address = Gen.Select(Display.Null(), Token, Host, Parameter.Array[0, 3],
        (display, user, host, parameters) => new SipAddress(display, $"sip:{user}@{host}", [.. parameters]));

    public static readonly Gen<SipVia> Via = Gen.Select(Gen.OneOf("UDP", "TCP"), Host, Gen.Int[1, 65535].Nullable(), Token, Parameter.Array[0, 2],
        (transport, host, port, branch, parameters) => new SipVia(transport, host, port, [new SipParameter("branch", SipVia.MagicCookie + branch), .. parameters]));

    private static readonly Gen<string> Method = Gen.OneOf(Gen.OneOf("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER"), Token);

    private static readonly Gen<SipHeader> Extra = Gen.Select(Gen.OneOf("Subject", "User-Agent", "X-Queue", "Allow"), Gen.Char["abc ,;=<>:@0123456789é"].Array[1, 20],
        (name, value) => new SipHeader(name, new string(value).Trim() is { Length: > 0 } v ? v : "x"));

    private static readonly Gen<string> Body = Gen.OneOf(Gen.Const(""), Gen.Char["v=0\r\n o-éabc日"].Array[1, 60].Select(c => new string(c)));

    private static readonly Gen<SipHeader[]> Common = Gen.Select(Via.Array[1, 3], Address, Address, Token, Gen.Long[0, (1L << 31) - 1], Extra.Array[0, 4],
        (vias, from, to, callId, number, extras) => (SipHeader[])[
            .. vias.Select(v => new SipHeader("Via", v.ToString())),
            new SipHeader("From", from.ToString()),
            new SipHeader("To", to.ToString()),
            new SipHeader("Call-ID", callId),
            new SipHeader("CSeq", number.ToString(System.Globalization.CultureInfo.InvariantCulture) + " METHOD"),
            .. extras]);

    public static readonly Gen<SipMessage> Message = Gen.OneOf(
        Gen.Select(Method, Token, Host, Common, Body, (method, user, host, headers, body) =>
            (SipMessage)new SipRequest(method, $"sip:{user}@{host}", [.. headers.Select(h => h.Name == "CSeq" ? h with { Value = h.Value.Replace("METHOD", method, StringComparison.Ordinal) } : h)], body)),
        Gen.Select(Gen.Int[100, 699], Gen.Char["abc ABC"].Array[0, 20], Method, Common, Body, (code, reason, method, headers, body) =>
            (SipMessage)new SipResponse(code, new string(reason), [.. headers.Select(h => h.Name == "CSeq" ? h with { Value = h.Value.Replace("METHOD", method, StringComparison.Ordinal) } : h)], body)));
}
