namespace Switchboard.Forecast;

/// <summary>Input the forecast command cannot use; the message names the file, row and field.</summary>
internal sealed class ForecastInputException(string message) : Exception(message);
