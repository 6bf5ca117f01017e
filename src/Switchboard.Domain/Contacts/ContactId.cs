namespace Switchboard.Contacts;

/// <summary>A contact's identity within its routing domain, given by the engine in arrival order (1, 2, ...).</summary>
public readonly record struct ContactId(long Value)
{
    public override string ToString() => "C" + Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
