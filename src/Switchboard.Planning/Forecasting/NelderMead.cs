namespace Switchboard.Planning.Forecasting;

/// <summary>
/// The Nelder–Mead simplex search (Nelder and Mead 1965, "A simplex method for function minimization", The Computer
/// Journal 7(4)) with the usual coefficients (reflection 1, expansion 2, contraction ½, shrink ½), kept inside the unit
/// box by clamping every trial point. Enough for a handful of smoothing parameters.
/// </summary>
internal static class NelderMead
{
    /// <summary>Minimises <paramref name="objective"/> over [0, 1]^n from <paramref name="start"/>; returns the best point found.</summary>
    public static double[] Minimise(Func<double[], double> objective, double[] start, double step, int maxEvaluations)
    {
        var n = start.Length;
        var points = new double[n + 1][];
        var values = new double[n + 1];
        for (var i = 0; i <= n; i++)
        {
            points[i] = (double[])start.Clone();
            if (i > 0)
            {
                // Step inwards from a bound so every vertex differs from the start.
                points[i][i - 1] += points[i][i - 1] + step <= 1 ? step : -step;
            }

            values[i] = objective(points[i]);
        }

        var evaluations = n + 1;
        var centroid = new double[n];
        var trial = new double[n];
        var second = new double[n];
        while (evaluations < maxEvaluations)
        {
            Array.Sort(values, points);
            if (values[n] - values[0] <= 1e-10 * (Math.Abs(values[0]) + 1e-12))
            {
                break;
            }

            Array.Clear(centroid);
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    centroid[j] += points[i][j] / n;
                }
            }

            Along(centroid, points[n], -1, trial);
            var reflected = objective(trial);
            evaluations++;
            if (reflected < values[0])
            {
                Along(centroid, points[n], -2, second);
                var expanded = objective(second);
                evaluations++;
                Replace(points, values, n, expanded < reflected ? second : trial, Math.Min(expanded, reflected));
            }
            else if (reflected < values[n - 1])
            {
                Replace(points, values, n, trial, reflected);
            }
            else
            {
                Along(centroid, points[n], reflected < values[n] ? -0.5 : 0.5, second);
                var contracted = objective(second);
                evaluations++;
                if (contracted < Math.Min(reflected, values[n]))
                {
                    Replace(points, values, n, second, contracted);
                }
                else
                {
                    for (var i = 1; i <= n; i++)
                    {
                        Along(points[0], points[i], 0.5, points[i]);
                        values[i] = objective(points[i]);
                    }

                    evaluations += n;
                }
            }
        }

        Array.Sort(values, points);
        return points[0];
    }

    /// <summary>result = from + t·(towards − from), clamped to [0, 1].</summary>
    private static void Along(double[] from, double[] towards, double t, double[] result)
    {
        for (var j = 0; j < from.Length; j++)
        {
            result[j] = Math.Clamp(from[j] + (t * (towards[j] - from[j])), 0, 1);
        }
    }

    private static void Replace(double[][] points, double[] values, int index, double[] point, double value)
    {
        Array.Copy(point, points[index], point.Length);
        values[index] = value;
    }
}
