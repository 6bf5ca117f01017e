using Switchboard.Server.Security;

namespace Switchboard.Server.Audit;

/// <summary>Marks an endpoint whose successful calls are written to the audit trail before the response goes out.</summary>
internal static class AuditedEndpoints
{
    /// <summary>Audits every successful call as <paramref name="action"/> on the request's path (ids, never the data).</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var status = StatusOf(result);
            if (status is >= 200 and < 300)
            {
                var http = context.HttpContext;
                var audit = http.RequestServices.GetRequiredService<AuditTrail>();
                await audit.RecordAsync(http.User, action, http.Request.Path.Value ?? "", http.User.DataScope().Client,
                    http.Request.QueryString.HasValue ? "query " + http.Request.QueryString.Value : null);
            }

            return result;
        });

    private static int StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult { StatusCode: { } code } => code,
        _ => StatusCodes.Status200OK,
    };
}
