using System.CommandLine;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Persistence;
using Switchboard.Persistence.Security;
using Switchboard.Server.Evidence;
using Switchboard.Server.Hosting;

namespace Switchboard.Server.ClientReports;

/// <summary><c>switchboard report client --client X --month 2026-11 [--pdf FILE] [--html FILE]</c>: a client's monthly
/// report from the configured database, as the API would give it to the centre's staff.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var client = new Option<string>("--client") { Description = "The client's id.", Required = true };
        var month = new Option<string>("--month") { Description = "The month, such as 2026-11 (in the client's time zone).", Required = true };
        var pdf = new Option<string?>("--pdf") { Description = "Write the report as a PDF to this file." };
        var html = new Option<string?>("--html") { Description = "Write the report as an HTML page to this file." };
        var monthly = new Command("client", "A client's monthly report: every contracted KPI against its target with the method noted, exceptions, daily trend, information the client supplied.")
        {
            client, month, pdf, html, ServeCommand.Database, ServeCommand.ConnectionString, ServeCommand.DataFolder,
        };
        monthly.SetAction((parse, cancellationToken) => RunAsync(
            ServeCommand.ArgumentsFrom(parse), parse.GetValue(client)!, parse.GetValue(month)!, parse.GetValue(pdf), parse.GetValue(html), output, error, cancellationToken));
        return new Command("report", "Reports from the stored log.") { monthly, EvidenceCommand.Create(output, error) };
    }

    /// <summary>The command line runs as the centre's staff: it sees every client, as an administrator's API call would.</summary>
    public static ClaimsPrincipal Staff { get; } =
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "command line"), new Claim(ClaimTypes.Role, Roles.Administrator)], "command-line"));

    private static async Task<int> RunAsync(string[] args, string client, string month, string? pdf, string? html, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        return await CommandHost.WithServicesAsync(args, error, async services =>
        {
            var db = services.GetRequiredService<SwitchboardDb>();
            var (report, refusal) = await MonthlyReports.BuildAsync(Staff, db, services.GetRequiredService<TimeProvider>(), client, month, cancellationToken);
            if (report is null)
            {
                await error.WriteLineAsync("switchboard: " + Describe(refusal));
                return 2;
            }

            try
            {
                if (pdf is not null)
                {
                    await File.WriteAllBytesAsync(pdf, MonthlyReportPdf.Render(report), cancellationToken);
                    await output.WriteLineAsync($"Wrote {pdf}.");
                }

                if (html is not null)
                {
                    await File.WriteAllTextAsync(html, MonthlyReportHtml.Render(report), cancellationToken);
                    await output.WriteLineAsync($"Wrote {html}.");
                }
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                await error.WriteLineAsync($"switchboard: cannot write the report: {failure.Message}");
                return 1;
            }

            if (pdf is null && html is null)
            {
                await output.WriteLineAsync($"{report.ClientName}: {report.Cadence} report {report.Period} ({report.TimeZone})");
                foreach (var figure in report.Figures)
                {
                    await output.WriteLineAsync($"  {figure.Title,-36} {figure.Shown,10}  {(figure.Target is null ? "" : figure.Met == true ? "met" : "MISSED")}  {figure.Method}");
                }

                foreach (var exception in report.Exceptions)
                {
                    await output.WriteLineAsync("  ! " + exception);
                }
            }

            return 0;
        }, cancellationToken);
    }

    /// <summary>A refusal the API would answer, as one line naming the option at fault.</summary>
    public static string Describe(IResult? refusal) => refusal switch
    {
        ValidationProblem invalid => string.Join(" ", invalid.ProblemDetails.Errors.Select(e => $"--{e.Key}: {string.Join(" ", e.Value)}")),
        ProblemHttpResult problem => problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "refused.",
        _ => "refused.",
    };
}
