using System.Globalization;
using System.Text.RegularExpressions;

namespace Parvis.Web.Kernel.Text;

/// <summary>
/// A place's coordinates (WGS 84, as maps give them), typed by staff as "latitude, longitude" the way a map copies
/// them ("47.7475, -3.3669"), or with decimal commas between semicolons or spaces ("47,7475 ; -3,3669").
/// </summary>
public readonly partial record struct GeoPoint(double Latitude, double Longitude)
{
    public static bool TryParse(string? text, out GeoPoint point)
    {
        point = default;
        if (text is null || Pattern().Match(text) is not { Success: true } match)
        {
            return false;
        }
        var latitude = double.Parse(match.Groups["lat"].Value.Replace(',', '.'), CultureInfo.InvariantCulture);
        var longitude = double.Parse(match.Groups["lon"].Value.Replace(',', '.'), CultureInfo.InvariantCulture);
        if (latitude is < -90 or > 90 || longitude is < -180 or > 180)
        {
            return false;
        }
        point = new GeoPoint(latitude, longitude);
        return true;
    }

    /// <summary>As staff type it back: "47.7475, -3.3669".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Latitude:0.######}, {Longitude:0.######}");

    /// <summary>The point on OpenStreetMap, for people who want to see where the place is.</summary>
    public string MapLink => string.Create(CultureInfo.InvariantCulture,
        $"https://www.openstreetmap.org/?mlat={Latitude:0.######}&mlon={Longitude:0.######}#map=17/{Latitude:0.######}/{Longitude:0.######}");

    // [0-9], not \d: \d takes any script's digits, which double.Parse refuses.
    [GeneratedRegex(@"^\s*(?<lat>[-+]?[0-9]{1,2}(?:[.,][0-9]{1,10})?)\s*[,;\s]\s*(?<lon>[-+]?[0-9]{1,3}(?:[.,][0-9]{1,10})?)\s*$")]
    private static partial Regex Pattern();
}
