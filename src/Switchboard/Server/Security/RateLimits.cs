using System.Globalization;
using System.Threading.RateLimiting;

namespace Switchboard.Server.Security;

/// <summary>Limits, from configuration section <c>Switchboard:RateLimits</c>.</summary>
internal sealed class RateLimitSettings
{
    /// <summary>Sign-in and second-factor attempts per minute from one address (guessing passwords and codes).</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Requests per second for one user (or one address when anonymous); bursts up to twice this.</summary>
    public int RequestsPerSecond { get; set; } = 2000;
}

internal static class RateLimits
{
    public static IServiceCollection AddSwitchboardRateLimits(this IServiceCollection services, RateLimitSettings settings)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests", "Slow down and retry after the time given.");
            };
            options.AddPolicy(AuthApi.SignInLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                Address(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.SignInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetTokenBucketLimiter(
                context.User.UserId() ?? Address(context),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.RequestsPerSecond * 2,
                    TokensPerPeriod = settings.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                }));
        });
        return services;
    }

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "local";
}
