using System.Security.Cryptography;
using System.Text;

namespace Parvis.Web.Modules.Surveys;

/// <summary>
/// The single-use codes of an anonymous survey. A code is a random part and its signature with the survey's key, so
/// that the server recognises its own codes without keeping them: what is kept is that a person was given one (not
/// which), and, once used, the digest of its random part (not who used it). Written in groups of four characters of
/// an alphabet without look-alikes, to be copied by hand.
/// </summary>
public static class SurveyCodes
{
    private const int RandomBytes = 10;
    private const int SignatureBytes = 10;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private const int RequestBytes = 16;

    /// <summary>
    /// A request for a code, put in the form that asks for it: sent twice (a double click, an answer lost on the way),
    /// it gets the same code again, and a person given a code never gets another.
    /// </summary>
    public static string NewRequest() => Convert.ToHexString(RandomNumberGenerator.GetBytes(RequestBytes));

    /// <summary>What is kept of a request with the person (null for what is none): from it, nobody works out the code.</summary>
    public static string? RequestDigest(string? request) =>
        request is { Length: RequestBytes * 2 } && request.All(Uri.IsHexDigit) ? Convert.ToHexString(SHA256.HashData(Convert.FromHexString(request))) : null;

    /// <summary>
    /// The code given to a person for a request: its random part drawn from both with the survey's key, so that another
    /// account sending the same request gets another code.
    /// </summary>
    public static string Issue(Guid surveyId, string key, Guid personId, string request)
    {
        byte[] message = [.. Encoding.ASCII.GetBytes("survey-code-request:"), .. surveyId.ToByteArray(), .. personId.ToByteArray(), .. Convert.FromHexString(request)];
        var random = HMACSHA256.HashData(Convert.FromBase64String(key), message)[..RandomBytes];
        var code = Encode([.. random, .. Sign(surveyId, key, random)]);
        return string.Join('-', code.Chunk(4).Select(c => new string(c)));
    }

    /// <summary>The digest of a genuine code's random part, kept when it is used; null for anything else.</summary>
    public static string? Digest(Guid surveyId, string key, string code)
    {
        var bytes = Decode(code);
        if (bytes is not { Length: RandomBytes + SignatureBytes })
        {
            return null;
        }
        var random = bytes.AsSpan(0, RandomBytes).ToArray();
        return CryptographicOperations.FixedTimeEquals(bytes.AsSpan(RandomBytes), Sign(surveyId, key, random))
            ? Convert.ToHexString(SHA256.HashData(random))
            : null;
    }

    private static byte[] Sign(Guid surveyId, string key, byte[] random)
    {
        byte[] message = [.. Encoding.ASCII.GetBytes("survey-code:"), .. surveyId.ToByteArray(), .. random];
        return HMACSHA256.HashData(Convert.FromBase64String(key), message)[..SignatureBytes];
    }

    private static string Encode(byte[] bytes)
    {
        var text = new StringBuilder();
        var (buffer, bits) = (0, 0);
        foreach (var b in bytes)
        {
            (buffer, bits) = ((buffer << 8) | b, bits + 8);
            while (bits >= 5)
            {
                bits -= 5;
                text.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }
        return text.ToString();
    }

    /// <summary>Reads a code as a person may type it: any case, with or without dashes and spaces, O for 0 and I or L for 1.</summary>
    private static byte[]? Decode(string code)
    {
        if (code.Length > 64)
        {
            return null;
        }
        var bytes = new List<byte>();
        var (buffer, bits) = (0, 0);
        foreach (var c in code.ToUpperInvariant())
        {
            if (c is '-' or ' ')
            {
                continue;
            }
            var value = Alphabet.IndexOf(c switch { 'O' => '0', 'I' or 'L' => '1', _ => c });
            if (value < 0)
            {
                return null;
            }
            (buffer, bits) = (((buffer << 5) | value) & 0xFFFF, bits + 5);
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
            }
        }
        return [.. bytes];
    }
}
