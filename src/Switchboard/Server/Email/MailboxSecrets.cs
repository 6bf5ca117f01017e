using Microsoft.AspNetCore.DataProtection;

namespace Switchboard.Server.Email;

/// <summary>
/// Mailbox passwords at rest: encrypted with the server's data-protection keys (kept with the data, outside the
/// database), so a copy of the database alone does not give away the client's mailbox.
/// </summary>
internal sealed class MailboxSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("Switchboard.Email.MailboxPassword.v1");

    public string Seal(string password) => protector.Protect(password);

    public string Open(string sealedPassword) => protector.Unprotect(sealedPassword);
}
