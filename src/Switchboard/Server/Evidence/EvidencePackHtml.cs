using System.Globalization;
using System.Net;
using System.Text;

namespace Switchboard.Server.Evidence;

/// <summary>The evidence pack as one self-contained, printable HTML page: an area per section, its figures with links to
/// the records behind them, and its gaps.</summary>
internal static class EvidencePackHtml
{
    public static string Render(EvidencePack pack)
    {
        var html = new StringBuilder();
        var scope = pack.Client is null ? "the whole centre" : $"client {pack.Client}";
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E($"ISO 18295 evidence pack: {scope}, {Day(pack.From)} to {Day(pack.To)}"))
            .Append("</title><style>body{font-family:sans-serif;margin:2rem;color:#1a1a1a;max-width:70rem}table{border-collapse:collapse;margin:.5rem 0 1rem}")
            .Append("th,td{border:1px solid #999;padding:.3rem .6rem;text-align:left;vertical-align:top}th{background:#eee}.state{font-weight:bold}</style></head><body>");
        html.Append("<h1>ISO 18295 evidence pack</h1><p>").Append(E(char.ToUpperInvariant(scope[0]) + scope[1..])).Append(", from ").Append(E(Local(pack.From))).Append(" to ")
            .Append(E(Local(pack.To))).Append(" (").Append(E(pack.TimeZone)).Append("). Generated ")
            .Append(E(pack.Generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
            .Append(" from the platform's own records; links lead to those records through the API.</p>");

        AppendBody(html, pack);
        return html.Append("</body></html>").ToString();
    }

    /// <summary>The pack's contents and its areas (h2 and below), for the page above and the evidence screen alike.</summary>
    public static string Body(EvidencePack pack)
    {
        var html = new StringBuilder();
        AppendBody(html, pack);
        return html.ToString();
    }

    private static void AppendBody(StringBuilder html, EvidencePack pack)
    {
        html.Append("<h2>Contents</h2><table><thead><tr><th scope=\"col\">Area</th><th scope=\"col\">Standard</th><th scope=\"col\">Evidence</th></tr></thead><tbody>");
        foreach (var area in pack.Areas)
        {
            html.Append("<tr><td><a href=\"#").Append(E(area.Id)).Append("\">").Append(E(area.Title)).Append("</a></td><td>").Append(E(area.Standard))
                .Append("</td><td>").Append(E(State(area.State))).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        foreach (var area in pack.Areas)
        {
            html.Append("<section><h2 id=\"").Append(E(area.Id)).Append("\">").Append(E(area.Title)).Append("</h2><p>").Append(E(area.Standard)).Append(": ")
                .Append(E(area.Requirement)).Append("</p><p class=\"state\">Evidence: ").Append(E(State(area.State))).Append("</p>");
            html.Append("<h3>Records kept</h3><ul>");
            foreach (var record in area.Records)
            {
                html.Append("<li>").Append(E(record)).Append("</li>");
            }

            html.Append("</ul><h3>Figures for the period</h3><table><thead><tr><th scope=\"col\">What</th><th scope=\"col\">Figure</th><th scope=\"col\">Records</th></tr></thead><tbody>");
            foreach (var item in area.Items)
            {
                html.Append("<tr><td>").Append(E(item.What)).Append("</td><td>").Append(E(item.Shown)).Append("</td><td>");
                if (item.Link is { } link)
                {
                    html.Append("<a href=\"").Append(E(link)).Append("\">").Append(E(link)).Append("</a>");
                }

                html.Append("</td></tr>");
            }

            html.Append("</tbody></table><h3>Not yet evidenced</h3>");
            if (area.Gaps.Count == 0)
            {
                html.Append("<p>Nothing known.</p>");
            }
            else
            {
                html.Append("<ul>");
                foreach (var gap in area.Gaps)
                {
                    html.Append("<li>").Append(E(gap)).Append("</li>");
                }

                html.Append("</ul>");
            }

            html.Append("</section>");
        }

    }

    /// <summary>The state in words, as the pack's readers say it.</summary>
    public static string State(EvidenceState state) => state switch
    {
        EvidenceState.Evidenced => "recorded",
        EvidenceState.Partial => "partly recorded",
        _ => "not yet recorded",
    };

    private static string Day(DateTimeOffset instant) => instant.DateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
