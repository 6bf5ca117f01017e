using System.Numerics;

namespace Switchboard.Tests.Staffing;

/// <summary>
/// A binary floating-point number with a 200-bit mantissa and an unbounded exponent: the test oracle's arithmetic, about
/// 60 significant digits, so the reference formulas are exact far beyond the 1e-9 the fast code promises and nothing
/// overflows (e^100000 is an ordinary value).
/// </summary>
internal readonly struct BigFloat
{
    private const int Precision = 200;

    private readonly BigInteger mantissa;
    private readonly long exponent;

    private BigFloat(BigInteger mantissa, long exponent)
    {
        if (mantissa.IsZero)
        {
            this.mantissa = BigInteger.Zero;
            this.exponent = 0;
            return;
        }

        var shift = (long)BigInteger.Abs(mantissa).GetBitLength() - Precision;
        if (shift > 0)
        {
            var negative = mantissa.Sign < 0;
            var rounded = (BigInteger.Abs(mantissa) + (BigInteger.One << (int)(shift - 1))) >> (int)shift;
            mantissa = negative ? -rounded : rounded;
            exponent += shift;
        }
        else if (shift < 0)
        {
            mantissa <<= (int)-shift;
            exponent += shift;
        }

        this.mantissa = mantissa;
        this.exponent = exponent;
    }

    public static BigFloat Zero => default;

    public static BigFloat One => new(BigInteger.One, 0);

    public bool IsZero => mantissa.IsZero;

    public int Sign => mantissa.Sign;

    public static BigFloat From(double value)
    {
        if (value == 0)
        {
            return Zero;
        }

        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value));
        }

        var log = Math.ILogB(value);
        return new BigFloat(new BigInteger(Math.ScaleB(value, 60 - log)), log - 60);
    }

    public static BigFloat From(long value) => new(value, 0);

    public static implicit operator BigFloat(int value) => From(value);

    public static BigFloat operator +(BigFloat x, BigFloat y)
    {
        if (x.IsZero)
        {
            return y;
        }

        if (y.IsZero)
        {
            return x;
        }

        if (x.exponent < y.exponent)
        {
            (x, y) = (y, x);
        }

        var gap = x.exponent - y.exponent;
        return gap > Precision + 64 ? x : new BigFloat((x.mantissa << (int)gap) + y.mantissa, y.exponent);
    }

    public static BigFloat operator -(BigFloat x) => new(-x.mantissa, x.exponent);

    public static BigFloat operator -(BigFloat x, BigFloat y) => x + (-y);

    public static BigFloat operator *(BigFloat x, BigFloat y) => new(x.mantissa * y.mantissa, x.exponent + y.exponent);

    public static BigFloat operator /(BigFloat x, BigFloat y)
    {
        if (y.IsZero)
        {
            throw new DivideByZeroException();
        }

        const int guard = Precision + 8;
        return new BigFloat((x.mantissa << guard) / y.mantissa, x.exponent - y.exponent - guard);
    }

    public static bool operator <(BigFloat x, BigFloat y) => (x - y).Sign < 0;

    public static bool operator >(BigFloat x, BigFloat y) => (x - y).Sign > 0;

    public static bool operator <=(BigFloat x, BigFloat y) => (x - y).Sign <= 0;

    public static bool operator >=(BigFloat x, BigFloat y) => (x - y).Sign >= 0;

    /// <summary>e^x: a Taylor series on x / 2^k with |x / 2^k| &lt; 2^-20, squared k times (k ≤ ~40 loses ~40 of the 200 bits).</summary>
    public static BigFloat Exp(BigFloat x)
    {
        if (x.IsZero)
        {
            return One;
        }

        var k = Math.Max(0, (int)(x.exponent + Precision + 20));
        var y = new BigFloat(x.mantissa, x.exponent - k);
        var sum = One;
        var term = One;
        for (var i = 1; ; i++)
        {
            term = term * y / i;
            sum += term;
            if (term.IsZero || term.Magnitude < sum.Magnitude - Precision - 16)
            {
                break;
            }
        }

        for (var i = 0; i < k; i++)
        {
            sum *= sum;
        }

        return sum;
    }

    /// <summary>log2 of the value's size, to within one.</summary>
    private long Magnitude => exponent + Precision;

    public double ToDouble()
    {
        if (IsZero)
        {
            return 0;
        }

        var top = (double)(mantissa >> (Precision - 64));
        var scale = exponent + Precision - 64;
        return Math.ScaleB(top, (int)Math.Clamp(scale, -4000, 4000));
    }

    public override string ToString() => ToDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
