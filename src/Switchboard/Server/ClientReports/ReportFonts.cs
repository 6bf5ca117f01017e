using PdfSharp.Fonts;

namespace Switchboard.Server.ClientReports;

/// <summary>
/// Fonts for PDFs: PDFsharp reads no system fonts on Linux, so this resolver hands it DejaVu Sans (Debian's
/// fonts-dejavu-core, present wherever a browser is) or, failing that, the first Liberation Sans or other TrueType sans
/// font found under the usual font folders. Every face of the report maps to the regular or bold file.
/// </summary>
internal sealed class ReportFonts : IFontResolver
{
    public const string Family = "Report Sans";
    private static readonly Lock Gate = new();
    private static readonly string[] Folders = ["/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "C:\\Windows\\Fonts"];
    private static readonly (string Regular, string Bold)[] Candidates =
    [
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
        ("arial.ttf", "arialbd.ttf"),
    ];

    private readonly Dictionary<string, string> files;

    private ReportFonts(Dictionary<string, string> files) => this.files = files;

    /// <summary>Installs the resolver once per process; false when no usable font file exists on this machine.</summary>
    public static bool Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is ReportFonts)
            {
                return true;
            }

            foreach (var (regular, bold) in Candidates)
            {
                if (Find(regular) is { } regularPath && Find(bold) is { } boldPath)
                {
                    GlobalFontSettings.FontResolver = new ReportFonts(new Dictionary<string, string>(StringComparer.Ordinal) { ["regular"] = regularPath, ["bold"] = boldPath });
                    return true;
                }
            }

            return false;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "bold" : "regular");

    public byte[]? GetFont(string faceName) => files.TryGetValue(faceName, out var path) ? File.ReadAllBytes(path) : null;

    private static string? Find(string file)
    {
        foreach (var folder in Folders.Where(Directory.Exists))
        {
            try
            {
                if (Directory.EnumerateFiles(folder, file, SearchOption.AllDirectories).FirstOrDefault() is { } found)
                {
                    return found;
                }
            }
            catch (Exception error) when (error is UnauthorizedAccessException or IOException)
            {
                // An unreadable folder holds no font for us.
            }
        }

        return null;
    }
}
