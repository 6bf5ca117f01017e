namespace Switchboard.Planning.Forecasting;

/// <summary>
/// Locally weighted linear regression (loess, degree 1, tricube weights) over equally spaced points, as STL uses it
/// (Cleveland et al. 1990, section 2): the fit at x uses the <c>span</c> nearest points, weighted by
/// (1 − (|x − xᵢ| / h)³)³ where h is the distance to the farthest of them (widened by (span − n)/2 when span exceeds n).
/// </summary>
internal static class Loess
{
    /// <summary>Smooths <paramref name="y"/> (at x = 0 … n−1) into <paramref name="result"/>, evaluating every ⌈span/10⌉ points and interpolating linearly between.</summary>
    public static void Smooth(ReadOnlySpan<double> y, int span, Span<double> result)
    {
        var n = y.Length;
        if (n < 2)
        {
            y.CopyTo(result);
            return;
        }

        var jump = Math.Max(1, (span + 9) / 10);

        // Away from the ends the window is symmetric and the weights are the same at every point: compute them once.
        var hasInterior = span < n && span % 2 == 1;
        var interior = new double[hasInterior ? span : 0];
        if (hasInterior)
        {
            Row(n, span, (span - 1) / 2, 0, interior);
        }

        var symmetric = hasInterior ? interior : null;
        var previous = 0;
        result[0] = Fit(y, span, 0, symmetric);
        for (var x = jump; ; x += jump)
        {
            x = Math.Min(x, n - 1);
            result[x] = Fit(y, span, x, symmetric);
            for (var between = previous + 1; between < x; between++)
            {
                var t = (double)(between - previous) / (x - previous);
                result[between] = result[previous] + (t * (result[x] - result[previous]));
            }

            previous = x;
            if (x == n - 1)
            {
                return;
            }
        }
    }

    /// <summary>The fit at <paramref name="x"/>, with the precomputed <paramref name="symmetric"/> weights where the window is centred on x.</summary>
    private static double Fit(ReadOnlySpan<double> y, int span, int x, double[]? symmetric)
    {
        var left = Window(y.Length, span, x);
        if (symmetric is null || x - left != (span - 1) / 2)
        {
            return At(y, span, x);
        }

        var fit = 0.0;
        var window = y.Slice(left, symmetric.Length);
        for (var j = 0; j < symmetric.Length; j++)
        {
            fit += symmetric[j] * window[j];
        }

        return fit;
    }

    /// <summary>The loess fit at <paramref name="x"/>.</summary>
    public static double At(ReadOnlySpan<double> y, int span, double x)
    {
        var n = y.Length;
        if (n == 1)
        {
            return y[0];
        }

        var left = Window(n, span, x);
        var width = Math.Min(span, n);
        Span<double> row = width <= 256 ? stackalloc double[width] : new double[width];
        Row(n, span, x, left, row);
        var fit = 0.0;
        for (var j = 0; j < width; j++)
        {
            fit += row[j] * y[left + j];
        }

        return fit;
    }

    /// <summary>The first point of the window of <paramref name="span"/> points nearest <paramref name="x"/> (all of them when span ≥ n).</summary>
    public static int Window(int n, int span, double x) => span >= n ? 0 : Math.Clamp((int)Math.Round(x) - ((span - 1) / 2), 0, n - span);

    /// <summary>
    /// The loess fit at <paramref name="x"/> is linear in the data: fit = Σ row[j]·y[left + j] over the window. Fills
    /// that row (min(span, n) weights), so a smoother applied to many series of one length computes it once.
    /// </summary>
    /// <param name="locallyConstant">Degree 0 (a weighted mean) instead of degree 1 (a local line).</param>
    public static void Row(int n, int span, double x, int left, Span<double> row, bool locallyConstant = false)
    {
        var width = Math.Min(span, n);
        var right = left + width - 1;
        var h = Math.Max(x - left, right - x) + (span > n ? (span - n) / 2.0 : 0);

        // Tricube weights; then the degree-1 correction that turns a weighted mean into a local line.
        var total = 0.0;
        for (var j = 0; j < width; j++)
        {
            var r = Math.Abs(left + j - x);
            var w = r <= 0.001 * h ? 1 : r <= 0.999 * h ? Cube(1 - Cube(r / h)) : 0;
            row[j] = w;
            total += w;
        }

        if (total <= 0)
        {
            // No point near enough: the nearest value.
            row.Clear();
            row[Math.Clamp((int)Math.Round(x), left, right) - left] = 1;
            return;
        }

        var centre = 0.0;
        for (var j = 0; j < width; j++)
        {
            row[j] /= total;
            centre += row[j] * (left + j);
        }

        if (locallyConstant)
        {
            return;
        }

        var spread = 0.0;
        for (var j = 0; j < width; j++)
        {
            spread += row[j] * (left + j - centre) * (left + j - centre);
        }

        var slope = n > 1 && Math.Sqrt(spread) > 0.001 * (n - 1) ? (x - centre) / spread : 0;
        for (var j = 0; j < width; j++)
        {
            row[j] *= 1 + (slope * (left + j - centre));
        }
    }

    private static double Cube(double v) => v * v * v;
}
