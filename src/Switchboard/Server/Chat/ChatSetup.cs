using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Switchboard.Server.Chat;

/// <summary>Registers the chat channel's services (sections <c>Switchboard:Chat</c> and <c>Switchboard:Mail</c>).</summary>
internal static class ChatSetup
{
    public static IServiceCollection AddSwitchboardChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ChatSettings>(configuration.GetSection("Switchboard:Chat"));
        services.Configure<MailSettings>(configuration.GetSection("Switchboard:Mail"));
        services.AddSingleton<ChatWidgets>();
        services.AddSingleton<ChatMessageStore>();
        services.AddHostedService(provider => provider.GetRequiredService<ChatMessageStore>());
        services.AddSingleton<ChatConversations>();
        services.AddSingleton<Transcripts>();
        services.AddSingleton<ChatFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<ChatFeed>());
        services.AddCors();
        services.AddSingleton<ICorsPolicyProvider, ChatCors>();
        return services;
    }
}
