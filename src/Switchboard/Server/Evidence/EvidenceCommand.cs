using System.CommandLine;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Switchboard.Persistence;
using Switchboard.Server.ClientReports;
using Switchboard.Server.Hosting;

namespace Switchboard.Server.Evidence;

/// <summary><c>switchboard report evidence --from 2026-11-01 --to 2026-12-01 [--client X] [--time-zone Z] [--html FILE] [--json FILE]</c>:
/// the ISO 18295 evidence pack from the configured database, as the API gives it to the centre's staff.</summary>
internal static class EvidenceCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var from = new Option<string>("--from") { Description = "The period's first day, such as 2026-11-01.", Required = true };
        var to = new Option<string>("--to") { Description = "The day the period ends before, such as 2026-12-01.", Required = true };
        var client = new Option<string?>("--client") { Description = "Limit the pack to one client (default: the whole centre)." };
        var zone = new Option<string?>("--time-zone") { Description = "The IANA time zone of the dates (default: the client's contract zone, else UTC)." };
        var html = new Option<string?>("--html") { Description = "Write the pack as an HTML page to this file." };
        var json = new Option<string?>("--json") { Description = "Write the pack as JSON to this file." };
        var command = new Command("evidence", "The ISO 18295 evidence pack for a period: each area of the standards, the records kept, the period's figures, and what is not yet evidenced.")
        {
            from, to, client, zone, html, json, ServeCommand.Database, ServeCommand.ConnectionString, ServeCommand.DataFolder,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            ServeCommand.ArgumentsFrom(parse), new EvidenceQuery(parse.GetValue(from), parse.GetValue(to), parse.GetValue(client), parse.GetValue(zone)),
            parse.GetValue(html), parse.GetValue(json), output, error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] args, EvidenceQuery query, string? html, string? json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        return await CommandHost.WithServicesAsync(args, error, async services =>
        {
            var options = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var (pack, refusal) = await EvidencePacks.BuildAsync(
                ReportCommand.Staff, services.GetRequiredService<SwitchboardDb>(), services.GetRequiredService<TimeProvider>(), options,
                services.GetRequiredService<IOptions<ServerSettings>>().Value.Routing.WellBeingBreakReason, query, cancellationToken);
            if (pack is null)
            {
                await error.WriteLineAsync("switchboard: " + ReportCommand.Describe(refusal));
                return 2;
            }

            try
            {
                if (html is not null)
                {
                    await File.WriteAllTextAsync(html, EvidencePackHtml.Render(pack), cancellationToken);
                    await output.WriteLineAsync($"Wrote {html}.");
                }

                if (json is not null)
                {
                    await File.WriteAllTextAsync(json, JsonSerializer.Serialize(pack, options), cancellationToken);
                    await output.WriteLineAsync($"Wrote {json}.");
                }
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"switchboard: cannot write the evidence pack: {failure.Message}");
                return 1;
            }

            if (html is null && json is null)
            {
                await output.WriteLineAsync($"ISO 18295 evidence pack, {pack.From:yyyy-MM-dd} to {pack.To:yyyy-MM-dd} ({pack.TimeZone}){(pack.Client is null ? "" : ", client " + pack.Client)}");
                foreach (var area in pack.Areas)
                {
                    await output.WriteLineAsync($"{area.Title} ({area.Standard}): {EvidencePackHtml.State(area.State)}");
                    foreach (var item in area.Items)
                    {
                        await output.WriteLineAsync($"  {item.What}: {item.Shown}");
                    }

                    foreach (var gap in area.Gaps)
                    {
                        await output.WriteLineAsync($"  not yet: {gap}");
                    }
                }
            }

            return 0;
        }, cancellationToken);
    }
}
