namespace Switchboard.Voice.Sip;

/// <summary>A <c>;name=value</c> parameter of a header or address; <see cref="Value"/> is null for a bare flag such
/// as <c>;rport</c> or <c>;lr</c>. Quoted values keep their quotes.</summary>
public sealed record SipParameter(string Name, string? Value);
