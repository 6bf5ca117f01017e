using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Switchboard.Kpis;

namespace Switchboard.Server.ClientReports;

/// <summary>The client report as a PDF (A4, portrait): the same sections as the HTML page, drawn with PDFsharp.</summary>
internal sealed class MonthlyReportPdf : IDisposable
{
    private const double Margin = 40;
    private readonly PdfDocument document = new();
    private readonly XFont title = new(ReportFonts.Family, 16, XFontStyleEx.Bold);
    private readonly XFont heading = new(ReportFonts.Family, 12, XFontStyleEx.Bold);
    private readonly XFont body = new(ReportFonts.Family, 9, XFontStyleEx.Regular);
    private readonly XFont small = new(ReportFonts.Family, 7, XFontStyleEx.Regular);
    private PdfPage page = null!;
    private XGraphics graphics = null!;
    private double y;

    private MonthlyReportPdf()
    {
    }

    /// <summary>The PDF's bytes; throws <see cref="InvalidOperationException"/> when this machine has no font to draw with.</summary>
    public static byte[] Render(MonthlyReport report)
    {
        if (!ReportFonts.Install())
        {
            throw new InvalidOperationException("No TrueType sans font was found (install fonts-dejavu-core).");
        }

        using var pdf = new MonthlyReportPdf();
        pdf.document.Info.Title = report.Heading;
        pdf.NewPage();
        pdf.Draw(report);
        pdf.graphics.Dispose();
        pdf.graphics = null!;
        using var output = new MemoryStream();
        pdf.document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public void Dispose()
    {
        graphics?.Dispose();
        document.Dispose();
    }

    private void Draw(MonthlyReport report)
    {
        Line(report.Heading, title, 24);
        Line($"Period {report.From.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)} to {report.To.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)} ({report.TimeZone}). Generated {report.Generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.", body, 18);

        Line("Targets and results", heading, 18);
        double[] columns = [0, 180, 240, 330, 368];
        Row(columns, ["KPI", "Result", "Target", "Met", "Method"], bold: true);
        foreach (var figure in report.Figures)
        {
            var higher = KpiCatalogue.Find(figure.Kpi)?.HigherIsBetter;
            Row(columns, [figure.Title, figure.Shown, figure.TargetShown(higher), figure.Met switch { true => "met", false => "MISSED", _ => "-" }, figure.Method], bold: false);
            Line("      " + figure.MethodParameters, small, 10, indent: columns[4]);
        }

        Line("", body, 8);
        Line("Exceptions", heading, 18);
        if (report.Exceptions.Count == 0)
        {
            Line("No target was missed in this period.", body, 13);
        }

        foreach (var exception in report.Exceptions)
        {
            Wrapped("• " + exception, body, 13);
        }

        Line("", body, 8);
        Line("Daily trend", heading, 18);
        var chart = MonthlyReportChart.Png(report, 1000, 400);
        using (var stream = new MemoryStream(chart))
        {
            var image = XImage.FromStream(stream);
            var width = page.Width.Point - (2 * Margin);
            var height = width * 0.4;
            Reserve(height + 8);
            graphics.DrawImage(image, Margin, y, width, height);
            y += height + 8;
        }

        Line("Information supplied by the client", heading, 18);
        if (report.Obligations.Count == 0)
        {
            Line("None recorded in this period.", body, 13);
        }

        foreach (var o in report.Obligations)
        {
            var onTime = o.OnTime switch { true => "on time", false => "LATE", _ => "not owed" };
            Wrapped($"• {o.Kind}: {o.Summary}. Received {o.Supplied.UtcDateTime:yyyy-MM-dd}, takes effect {o.EffectiveAt.UtcDateTime:yyyy-MM-dd}: {onTime}.", body, 13);
        }

        Line("", body, 8);
        Line("Complaints", heading, 18);
        Wrapped(report.Complaints, body, 13);
    }

    private void NewPage()
    {
        graphics?.Dispose();
        page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        graphics = XGraphics.FromPdfPage(page);
        y = Margin;
    }

    private void Reserve(double height)
    {
        if (y + height > page.Height.Point - Margin)
        {
            NewPage();
        }
    }

    private void Line(string text, XFont font, double height, double indent = 0)
    {
        Reserve(height);
        if (text.Length > 0)
        {
            graphics.DrawString(text, font, XBrushes.Black, new XRect(Margin + indent, y, page.Width.Point - (2 * Margin) - indent, height), XStringFormats.TopLeft);
        }

        y += height;
    }

    // Breaks a paragraph into lines that fit the page's width.
    private void Wrapped(string text, XFont font, double height)
    {
        var width = page.Width.Point - (2 * Margin);
        var line = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && graphics.MeasureString(candidate, font).Width > width)
            {
                Line(line, font, height);
                line = "   " + word;
            }
            else
            {
                line = candidate;
            }
        }

        Line(line, font, height);
    }

    // One table row; a cell too wide for its column wraps onto more lines (words never overlap the next column).
    private void Row(double[] columns, string[] cells, bool bold)
    {
        var font = bold ? new XFont(ReportFonts.Family, 9, XFontStyleEx.Bold) : body;
        var lines = new List<string>[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            lines[i] = Fit(cells[i], font, Right(columns, i) - columns[i] - 4);
        }

        var height = 13 * lines.Max(l => l.Count);
        Reserve(height);
        for (var i = 0; i < cells.Length; i++)
        {
            for (var n = 0; n < lines[i].Count; n++)
            {
                graphics.DrawString(lines[i][n], font, XBrushes.Black, new XRect(Margin + columns[i], y + (13 * n), Right(columns, i) - columns[i] - 4, 13), XStringFormats.TopLeft);
            }
        }

        y += height;
    }

    private double Right(double[] columns, int i) => i + 1 < columns.Length ? columns[i + 1] : page.Width.Point - (2 * Margin);

    private List<string> Fit(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && graphics.MeasureString(candidate, font).Width > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        lines.Add(line);
        return lines;
    }
}
