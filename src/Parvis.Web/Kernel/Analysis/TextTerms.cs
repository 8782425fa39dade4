using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Parvis.Web.Kernel.Analysis;

/// <summary>A word of a text as the analysis compares it (<see cref="Stem"/>), and where it stands in the text.</summary>
public readonly record struct Term(string Stem, int Start, int End);

/// <summary>
/// Texts cut into the words that carry their meaning, with Lucene's analysers: French or English by the text's
/// language (elisions, stop words, light stemming, so "habitantes" meets "habitant"), then accents folded, so that
/// a word typed without them ("mediatheque") meets the same word with them.
/// </summary>
public static class TextTerms
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>The longest text read: a contribution's text is far shorter; a pasted book is cut there.</summary>
    public const int MostChars = 20_000;

    // Analysers keep one token stream per thread: shared by all requests.
    private static readonly Analyzer _french = new Folded(french: true);
    private static readonly Analyzer _english = new Folded(french: false);

    public static IReadOnlyList<Term> Of(string text, string language)
    {
        var terms = new List<Term>();
        var analyzer = language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? _english : _french;
        using var reader = new StringReader(text.Length > MostChars ? text[..MostChars] : text);
        using var stream = analyzer.GetTokenStream("text", reader);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            // One letter or digit alone says nothing of the meaning.
            if (term.Length > 1)
            {
                terms.Add(new Term(term.ToString(), offset.StartOffset, offset.EndOffset));
            }
        }
        stream.End();
        return terms;
    }

    private sealed class Folded(bool french) : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream stream = new StandardFilter(Version, source);
            if (french)
            {
                stream = new ElisionFilter(stream, FrenchAnalyzer.DEFAULT_ARTICLES);
            }
            stream = new LowerCaseFilter(Version, stream);
            stream = new StopFilter(Version, stream, french ? FrenchAnalyzer.DefaultStopSet : EnglishAnalyzer.DefaultStopSet);
            stream = french ? new FrenchLightStemFilter(stream) : new KStemFilter(new EnglishPossessiveFilter(Version, stream));
            return new TokenStreamComponents(source, new ASCIIFoldingFilter(stream));
        }
    }
}
