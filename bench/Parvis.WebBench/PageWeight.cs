using Microsoft.Playwright;

namespace Parvis.WebBench;

public sealed record Weight(double KiloBytes, int Requests, int DomNodes, double EcoIndex, string Grade);

/// <summary>
/// What a page costs a visitor, measured in Chromium as it loads it with an empty cache: bytes on the wire
/// (compressed), requests, DOM elements, and the EcoIndex computed from them (cnumr/ecoindex_reference method).
/// </summary>
public static class PageWeight
{
    private static readonly double[] _dom = [0, 47, 75, 159, 233, 298, 358, 417, 476, 537, 603, 674, 753, 843, 949, 1076, 1237, 1459, 1801, 2479, 594601];
    private static readonly double[] _requests = [0, 2, 15, 25, 34, 42, 49, 56, 63, 70, 78, 86, 95, 105, 117, 130, 147, 170, 205, 281, 3920];
    private static readonly double[] _sizeKb = [0, 1.37, 144.7, 319.53, 479.46, 631.97, 783.38, 937.91, 1098.62, 1265.47, 1448.32, 1648.27, 1876.08, 2142.06, 2465.37, 2866.31, 3401.59, 4155.73, 5400.08, 8037.54, 223212.26];

    public static double Score(int dom, int requests, double kiloBytes) =>
        100 - 5 * (3 * Quantile(_dom, dom) + 2 * Quantile(_requests, requests) + Quantile(_sizeKb, kiloBytes)) / 6;

    public static string Grade(double score) => score switch
    {
        > 80 => "A",
        > 70 => "B",
        > 55 => "C",
        > 40 => "D",
        > 25 => "E",
        > 10 => "F",
        _ => "G",
    };

    /// <summary>Where the value falls in the table, interpolated between its two neighbours (0 to 20).</summary>
    private static double Quantile(double[] table, double value)
    {
        for (var i = 1; i < table.Length; i++)
        {
            if (value < table[i])
            {
                return i - 1 + (value - table[i - 1]) / (table[i] - table[i - 1]);
            }
        }
        return table.Length - 1;
    }

    public static async Task<Dictionary<string, Weight>> MeasureAsync(string baseUrl, IReadOnlyDictionary<string, string> pages)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PARVIS_CHROMIUM") is { Length: > 0 } chromium ? chromium : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var weights = new Dictionary<string, Weight>();
        foreach (var (name, path) in pages)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
            var page = await context.NewPageAsync();
            long bytes = 0;
            var requests = 0;
            page.RequestFinished += async (_, request) =>
            {
                var sizes = await request.SizesAsync();
                Interlocked.Add(ref bytes, sizes.ResponseHeadersSize + sizes.ResponseBodySize);
                Interlocked.Increment(ref requests);
            };
            await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            var dom = await page.EvaluateAsync<int>("() => document.getElementsByTagName('*').length");
            var kiloBytes = Interlocked.Read(ref bytes) / 1024.0;
            var score = Score(dom, requests, kiloBytes);
            weights[name] = new Weight(Math.Round(kiloBytes, 1), requests, dom, Math.Round(score, 1), Grade(score));
        }
        return weights;
    }
}
