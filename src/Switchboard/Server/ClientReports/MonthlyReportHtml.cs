using System.Globalization;
using System.Net;
using System.Text;
using Switchboard.Kpis;

namespace Switchboard.Server.ClientReports;

/// <summary>The client report as one self-contained HTML page (the trend chart inlined as a PNG).</summary>
internal static class MonthlyReportHtml
{
    public static string Render(MonthlyReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(report.Heading))
            .Append("</title><style>body{font-family:sans-serif;margin:2rem;color:#1a1a1a}table{border-collapse:collapse;margin:1rem 0}")
            .Append("th,td{border:1px solid #999;padding:.3rem .6rem;text-align:left}th{background:#eee}.missed{color:#8b0000;font-weight:bold}</style></head><body>");
        html.Append("<h1>").Append(E(report.Heading)).Append("</h1>");
        html.Append("<p>Period ").Append(E(Local(report.From))).Append(" to ").Append(E(Local(report.To))).Append(" (").Append(E(report.TimeZone))
            .Append("). Generated ").Append(E(report.Generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))).Append(".</p>");

        html.Append("<h2>Targets and results</h2><table><thead><tr><th scope=\"col\">KPI</th><th scope=\"col\">Result</th><th scope=\"col\">Target</th><th scope=\"col\">Met</th><th scope=\"col\">Method</th></tr></thead><tbody>");
        foreach (var figure in report.Figures)
        {
            var higher = KpiCatalogue.Find(figure.Kpi)?.HigherIsBetter;
            html.Append("<tr><td>").Append(E(figure.Title)).Append("</td><td>").Append(E(figure.Shown)).Append("</td><td>").Append(E(figure.TargetShown(higher)))
                .Append("</td><td").Append(figure.Met == false ? " class=\"missed\"" : "").Append('>').Append(figure.Met switch { true => "met", false => "missed", _ => "—" })
                .Append("</td><td>").Append(E(figure.Method)).Append("<br><small>").Append(E(figure.MethodParameters)).Append("</small></td></tr>");
        }

        html.Append("</tbody></table>");
        html.Append("<h2>Exceptions</h2>");
        AppendList(html, report.Exceptions, "No target was missed in this period.");
        html.Append("<h2>Daily trend</h2><img alt=\"Daily contacts offered and service level against its target; the table above gives the period's figures.\" src=\"data:image/png;base64,")
            .Append(Convert.ToBase64String(MonthlyReportChart.Png(report))).Append("\" width=\"900\">");
        html.Append("<h2>Information supplied by the client</h2>");
        if (report.Obligations.Count == 0)
        {
            html.Append("<p>None recorded in this period.</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th scope=\"col\">What</th><th scope=\"col\">Received</th><th scope=\"col\">Takes effect</th><th scope=\"col\">On time</th></tr></thead><tbody>");
            foreach (var o in report.Obligations)
            {
                html.Append("<tr><td>").Append(E(o.Kind)).Append(": ").Append(E(o.Summary)).Append("</td><td>").Append(E(Utc(o.Supplied))).Append("</td><td>").Append(E(Utc(o.EffectiveAt)))
                    .Append("</td><td>").Append(o.OnTime switch { true => "on time", false => "late", _ => "not owed" }).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("<h2>Complaints</h2><p>").Append(E(report.Complaints)).Append("</p></body></html>");
        return html.ToString();
    }

    private static void AppendList(StringBuilder html, IReadOnlyList<string> items, string none)
    {
        if (items.Count == 0)
        {
            html.Append("<p>").Append(E(none)).Append("</p>");
            return;
        }

        html.Append("<ul>");
        foreach (var item in items)
        {
            html.Append("<li>").Append(E(item)).Append("</li>");
        }

        html.Append("</ul>");
    }

    private static string Local(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
