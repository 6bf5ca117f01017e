using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace Switchboard.CallFlows;

/// <summary>What a recording run did: prompts made, prompts whose words had not changed, and prompts no voice could say.</summary>
internal sealed record PromptRecording(int Recorded, int Unchanged, IReadOnlyList<string> Problems);

/// <summary>
/// Makes a flow's default prompts by speech synthesis (Debian's espeak-ng), as telephone audio: 8 kHz, 16-bit, mono
/// WAV, one file per language and prompt (<c>{folder}/{language}/{prompt}.wav</c>). A centre records its own voice
/// over them later; generating them keeps binaries out of the repository. A manifest of each file's words lets a
/// second run skip what has not changed, so running at every start costs nothing.
/// </summary>
internal sealed class PromptRecorder(string espeak = "espeak-ng")
{
    /// <summary>The telephone's sample rate (G.711).</summary>
    public const int SampleRate = 8000;

    private const string ManifestName = "prompts.json";

    public async Task<PromptRecording> RecordAsync(CallFlow flow, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var manifestPath = Path.Combine(folder, ManifestName);
        var manifest = File.Exists(manifestPath)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(manifestPath, cancellationToken)) ?? []
            : [];
        var (recorded, unchanged, problems) = (0, 0, new List<string>());
        foreach (var language in flow.Languages)
        {
            var voice = await VoiceForAsync(language.Tag, cancellationToken);
            foreach (var prompt in flow.Prompts.Values.OrderBy(p => p.Id, StringComparer.Ordinal))
            {
                if (!prompt.Text.TryGetValue(language, out var words) || string.IsNullOrWhiteSpace(words))
                {
                    continue;
                }

                if (voice is null)
                {
                    problems.Add($"{language}/{prompt.Id}: espeak-ng has no voice for {language}");
                    continue;
                }

                var key = $"{language.Tag}/{prompt.Id}";
                var target = Path.Combine(folder, language.Tag, prompt.Id + ".wav");
                var stamp = Stamp(voice, words);
                if (File.Exists(target) && manifest.TryGetValue(key, out var known) && known == stamp)
                {
                    unchanged++;
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await SpeakAsync(voice, words, target, cancellationToken);
                manifest[key] = stamp;
                recorded++;
            }
        }

        await File.WriteAllTextAsync(manifestPath, JsonSerializer.Serialize(manifest), cancellationToken);
        return new(recorded, unchanged, problems);
    }

    /// <summary>espeak-ng's voice for a language: the whole tag (<c>fr-fr</c>), else its language alone (<c>fr</c>); null when it has neither.</summary>
    private async Task<string?> VoiceForAsync(string tag, CancellationToken cancellationToken)
    {
        var lower = tag.ToLowerInvariant();
        foreach (var candidate in new[] { lower, lower.Split('-')[0] }.Distinct(StringComparer.Ordinal))
        {
            var (exit, _) = await RunAsync(["-v", candidate, "-q", "x"], null, cancellationToken);
            if (exit == 0)
            {
                return candidate;
            }
        }

        return null;
    }

    private async Task SpeakAsync(string voice, string words, string target, CancellationToken cancellationToken)
    {
        var spoken = target + ".espeak";
        try
        {
            var (exit, error) = await RunAsync(["-v", voice, "--stdin", "-w", spoken], words, cancellationToken);
            if (exit != 0)
            {
                throw new InvalidOperationException($"espeak-ng failed ({exit}): {error}");
            }

            // espeak-ng speaks at 22,050 Hz; the telephone carries 8,000.
            using (var reader = new WaveFileReader(spoken))
            {
                ISampleProvider samples = reader.ToSampleProvider();
                if (samples.WaveFormat.Channels == 2)
                {
                    samples = new StereoToMonoSampleProvider(samples);
                }

                var partial = target + ".partial";
                WaveFileWriter.CreateWaveFile16(partial, new WdlResamplingSampleProvider(samples, SampleRate));
                File.Move(partial, target, overwrite: true);
            }
        }
        finally
        {
            File.Delete(spoken);
        }
    }

    private async Task<(int Exit, string Error)> RunAsync(string[] arguments, string? input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(espeak)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{espeak} did not start.");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        await output;
        return (process.ExitCode, (await error).Trim());
    }

    private static string Stamp(string voice, string words) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(voice + "\n" + words)));
}
