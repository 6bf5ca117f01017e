namespace Switchboard.Server.Email;

/// <summary>Registers the email channel's services (section <c>Switchboard:Email</c>; sending through <c>Switchboard:Mail</c>).</summary>
internal static class EmailSetup
{
    public static IServiceCollection AddSwitchboardEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailSettings>(configuration.GetSection("Switchboard:Email"));
        services.AddSingleton<CaseMail>();
        services.AddSingleton<MailboxSecrets>();
        services.AddSingleton<MailIntake>();
        // Before the readers and the clock monitor, which need every case to have its log.
        services.AddSingleton<CaseLogUpgrade>();
        services.AddHostedService(provider => provider.GetRequiredService<CaseLogUpgrade>());
        services.AddSingleton<MailboxReaders>();
        services.AddHostedService(provider => provider.GetRequiredService<MailboxReaders>());
        services.AddSingleton<CaseScreens>();
        services.AddSingleton<CaseClocks>();
        services.AddHostedService(provider => provider.GetRequiredService<CaseClocks>());
        return services;
    }
}
