namespace Switchboard.Contacts;

/// <summary>Which of the customer's identifiers a <see cref="CustomerKey"/> holds.</summary>
public enum CustomerKeyKind
{
    /// <summary>A phone number in E.164 form ("+441632960961").</summary>
    Phone = 1,

    /// <summary>An email address, trimmed and lower-cased.</summary>
    Email = 2,

    /// <summary>The client's own reference for the customer (a CRM or account id), trimmed, compared exactly.</summary>
    Reference = 3,
}

/// <summary>
/// Who the customer is as one channel knows them: a phone number, an email address or the client's customer reference,
/// in a normalised form, so the same customer reached on different channels gives equal keys. Two contacts of the same
/// client belong to the same customer when they share any key. Personal data: never part of routing or its event log.
/// </summary>
public sealed record CustomerKey
{
    /// <summary>The longest email address (RFC 5321's path limit less the angle brackets).</summary>
    public const int EmailLength = 254;

    /// <summary>The longest customer reference, in characters.</summary>
    public const int ReferenceLength = 100;

    private CustomerKey(CustomerKeyKind kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    public CustomerKeyKind Kind { get; }

    /// <summary>The normalised identifier: "+" and 7 to 15 digits, a lower-case address, or a trimmed reference.</summary>
    public string Value { get; }

    /// <summary>
    /// A phone number in E.164 form: "+", a country code not starting with 0, and 7 to 15 digits in all (ITU-T E.164
    /// allows at most 15). Spaces, hyphens, dots and parentheses people type between digits are dropped; a number
    /// without its "+" and country code is refused, since the country it belongs to cannot be known.
    /// </summary>
    public static bool TryPhone(string? text, out CustomerKey? key)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        Span<char> digits = stackalloc char[16];
        var length = 0;
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length == 0 || trimmed[0] != '+')
        {
            return false;
        }

        foreach (var c in trimmed[1..])
        {
            if (c is ' ' or '-' or '.' or '(' or ')')
            {
                continue;
            }

            if (!char.IsAsciiDigit(c) || length == 15)
            {
                return false;
            }

            digits[length++] = c;
        }

        if (length < 7 || digits[0] == '0')
        {
            return false;
        }

        key = new CustomerKey(CustomerKeyKind.Phone, "+" + new string(digits[..length]));
        return true;
    }

    /// <summary>
    /// An email address, trimmed and lower-cased (mail systems treat the local part case-insensitively in practice, and
    /// a customer types it either way): one "@" with something before it, a domain with a dot not at either end, no
    /// spaces or control characters, at most <see cref="EmailLength"/> characters.
    /// </summary>
    public static bool TryEmail(string? text, out CustomerKey? key)
    {
        key = null;
        var value = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(value) || value.Length > EmailLength)
        {
            return false;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1)
        {
            return false;
        }

        var domain = value.AsSpan(at + 1);
        var dot = domain.IndexOf('.');
        if (dot <= 0 || domain[^1] == '.' || domain.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';')
            {
                return false;
            }
        }

        key = new CustomerKey(CustomerKeyKind.Email, value);
        return true;
    }

    /// <summary>The client's reference for the customer: trimmed, 1 to <see cref="ReferenceLength"/> characters, no
    /// control characters; compared exactly (case included), as the client's systems issue it.</summary>
    public static bool TryReference(string? text, out CustomerKey? key)
    {
        key = null;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > ReferenceLength || value.Any(char.IsControl))
        {
            return false;
        }

        key = new CustomerKey(CustomerKeyKind.Reference, value);
        return true;
    }

    public override string ToString() => $"{Kind}:{Value}";
}
