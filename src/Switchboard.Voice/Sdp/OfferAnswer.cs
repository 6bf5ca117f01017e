using System.Globalization;
using Switchboard.Voice.Media;

namespace Switchboard.Voice.Sdp;

/// <summary>
/// The audio stream agreed by an answer: the G.711 law and its payload type, the RFC 4733 telephone-event payload
/// type if the offer had one, where to send RTP, and which way media flows from our side.
/// </summary>
public sealed record NegotiatedAudio(G711Law Law, int PayloadType, int? TelephoneEventPayloadType, string RemoteAddress, int RemotePort, MediaDirection Direction)
{
    /// <summary>Milliseconds of audio per packet; the answer asks for 20 (a=ptime:20).</summary>
    public const int PacketMilliseconds = 20;
}

/// <summary>What answering an offer gave: an answer and the stream it agrees, or a refusal that becomes 488 Not
/// Acceptable Here.</summary>
public abstract record SdpAnswer
{
    private SdpAnswer()
    {
    }

    public sealed record Accepted(SessionDescription Answer, NegotiatedAudio Audio) : SdpAnswer;

    public sealed record Refused(string Reason) : SdpAnswer
    {
        public const int StatusCode = 488;
    }
}

/// <summary>
/// Our side of the offer/answer model (RFC 3264) for a voice endpoint that speaks G.711 only: the first audio stream
/// offering PCMU (0) or PCMA (8) at 8000 Hz is accepted, in the offerer's order of preference, with
/// telephone-event (RFC 4733) at 8000 Hz when offered; every other stream is refused with port 0 (§6).
/// </summary>
public static class OfferAnswer
{
    private const int ClockRate = 8000;

    /// <param name="offer">The caller's description.</param>
    /// <param name="localAddress">Our IPv4 address for RTP.</param>
    /// <param name="localPort">Our RTP port.</param>
    /// <param name="sessionId">Our o= session id; the version stays with it for later re-offers.</param>
    public static SdpAnswer Answer(SessionDescription offer, string localAddress, int localPort, long sessionId, long sessionVersion = 1)
    {
        ArgumentNullException.ThrowIfNull(offer);
        NegotiatedAudio? audio = null;
        var answered = new List<SdpMedia>();
        foreach (var media in offer.Media)
        {
            var accepted = audio is null && media.Port != 0 && media.Media == "audio" && media.Protocol == "RTP/AVP"
                ? Choose(offer, media)
                : null;
            if (accepted is null)
            {
                answered.Add(new SdpMedia(media.Media, 0, media.Protocol, new ValueList<string>([media.Formats.Count > 0 ? media.Formats[0] : "0"]), null, []));
                continue;
            }
            audio = accepted;
            var formats = new List<string> { accepted.PayloadType.ToString(CultureInfo.InvariantCulture) };
            var attributes = new List<SdpAttribute>
            {
                new("rtpmap", $"{accepted.PayloadType.ToString(CultureInfo.InvariantCulture)} {(accepted.Law == G711Law.MuLaw ? "PCMU" : "PCMA")}/{ClockRate.ToString(CultureInfo.InvariantCulture)}"),
            };
            if (accepted.TelephoneEventPayloadType is { } events)
            {
                var pt = events.ToString(CultureInfo.InvariantCulture);
                formats.Add(pt);
                attributes.Add(new("rtpmap", $"{pt} telephone-event/{ClockRate.ToString(CultureInfo.InvariantCulture)}"));
                attributes.Add(new("fmtp", $"{pt} 0-16"));
            }
            attributes.Add(new("ptime", NegotiatedAudio.PacketMilliseconds.ToString(CultureInfo.InvariantCulture)));
            attributes.Add(new(SessionDescription.AttributeName(accepted.Direction), null));
            answered.Add(new SdpMedia("audio", localPort, "RTP/AVP", new ValueList<string>(formats), null, new ValueList<SdpAttribute>(attributes)));
        }
        if (audio is null)
        {
            return new SdpAnswer.Refused("no audio stream offers PCMU or PCMA at 8000 Hz over RTP/AVP");
        }
        var answer = new SessionDescription(
            new SdpOrigin("switchboard", sessionId.ToString(CultureInfo.InvariantCulture), sessionVersion.ToString(CultureInfo.InvariantCulture), "IN", "IP4", localAddress),
            "switchboard",
            new SdpConnection("IN", "IP4", localAddress),
            "0 0",
            [],
            new ValueList<SdpMedia>(answered));
        return new SdpAnswer.Accepted(answer, audio);
    }

    /// <summary>The mirror of the offerer's direction (RFC 3264 §6.1): its sendonly is our recvonly (it holds us).</summary>
    public static MediaDirection Mirror(MediaDirection offered) => offered switch
    {
        MediaDirection.SendOnly => MediaDirection.ReceiveOnly,
        MediaDirection.ReceiveOnly => MediaDirection.SendOnly,
        _ => offered,
    };

    private static NegotiatedAudio? Choose(SessionDescription offer, SdpMedia media)
    {
        if (offer.ConnectionOf(media) is not { } connection)
        {
            return null;
        }
        (G711Law Law, int PayloadType)? codec = null;
        int? events = null;
        foreach (var format in media.Formats)
        {
            if (!int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || pt > 127)
            {
                continue;
            }
            var map = media.RtpMap(pt);
            // Static types 0 and 8 need no rtpmap (RFC 3551 §6); a dynamic type is known only by its rtpmap.
            var encoding = map?.Encoding ?? pt switch { 0 => "PCMU", 8 => "PCMA", _ => "" };
            var rate = map?.ClockRate ?? ClockRate;
            if (rate != ClockRate)
            {
                continue;
            }
            if (codec is null && string.Equals(encoding, "PCMU", StringComparison.OrdinalIgnoreCase))
            {
                codec = (G711Law.MuLaw, pt);
            }
            else if (codec is null && string.Equals(encoding, "PCMA", StringComparison.OrdinalIgnoreCase))
            {
                codec = (G711Law.ALaw, pt);
            }
            else if (events is null && string.Equals(encoding, "telephone-event", StringComparison.OrdinalIgnoreCase))
            {
                events = pt;
            }
        }
        var address = connection.Address.Split('/')[0];
        return codec is { } chosen
            ? new NegotiatedAudio(chosen.Law, chosen.PayloadType, events, address, media.Port, Mirror(offer.DirectionOf(media)))
            : null;
    }
}
