namespace Parvis.OpinionMaps;

/// <summary>
/// The parameters of the computation, all shown on the explanation page ("paramètres compréhensibles").
/// </summary>
public sealed record OpinionMapParameters
{
    /// <summary>A participant is placed on the map after min(this, number of statements voted on) votes of any kind.</summary>
    public int MinimumVotes { get; init; } = 7;

    /// <summary>While fewer people qualify, the most active voters are placed up to this many (Polis's rule).</summary>
    public int PlacedAtLeast { get; init; } = 15;

    public int BaseClusters { get; init; } = 100;

    public int MinimumGroups { get; init; } = 2;

    public int MaximumGroups { get; init; } = 5;

    /// <summary>
    /// The fewest groups whose silhouette comes within this of the best are kept: when two counts separate the map
    /// almost equally well, the simpler reading wins (fewer groups are easier to read and steadier between updates).
    /// </summary>
    public double SilhouetteMargin { get; init; } = 0.02;

    /// <summary>The number of groups changes only after the same new number wins this many updates in a row.</summary>
    public int UpdatesBeforeGroupCountChanges { get; init; } = 3;

    /// <summary>One-sided z threshold of the representativeness tests: 1.2816 is 90%.</summary>
    public double ZThreshold { get; init; } = 1.2816;

    public int RepresentativePerGroup { get; init; } = 5;

    public int ConsensusCount { get; init; } = 5;

    /// <summary>Draws of the statements behind each participant's confidence.</summary>
    public int ConfidenceResamples { get; init; } = 40;

    /// <summary>A participant is firmly in their group when at least this share of the draws keeps them there.</summary>
    public double FirmFrom { get; init; } = 0.8;

    /// <summary>Draws the confidence's resamples; nothing else: the map and the groups start from fixed points.</summary>
    public int Seed { get; init; } = 20141;

    public static OpinionMapParameters Default { get; } = new();
}

/// <summary>
/// A participant placed on the map, with the share of statement draws that keep them in their group (firm, 1, in a
/// result stored before confidence was computed, until its next computation).
/// </summary>
public sealed record PlacedParticipant(long Id, double X, double Y, int Group, double Confidence = 1);

/// <summary>Agree / disagree / pass counts of a statement, overall and per group (in group label order).</summary>
public sealed record StatementTally(long Id, int Agree, int Disagree, int Pass, double Extremity, int[] GroupAgree, int[] GroupDisagree, int[] GroupVotes)
{
    public int Votes => Agree + Disagree + Pass;
}

public enum Stance
{
    Agree,
    Disagree,
}

/// <summary>
/// A statement that sets a group apart: the group's smoothed rate ((n+1)/(votes+2)), the rest's rate,
/// their ratio and the two one-sided z statistics (group mostly agrees; group more than the others).
/// </summary>
public sealed record RepresentativeStatement(long StatementId, Stance Stance, double GroupRate, double OthersRate, double Ratio, double ZMajority, double ZDifference);

/// <summary>
/// A group with its size, its members below <see cref="OpinionMapParameters.FirmFrom"/> (when they are most of it,
/// the group may not last), its centre and its representative statements.
/// </summary>
public sealed record OpinionGroup(int Label, int Size, int Uncertain, double CentreX, double CentreY, IReadOnlyList<RepresentativeStatement> Representative)
{
    public bool MostlyUncertain => Uncertain * 2 > Size;
}

/// <summary>Group-informed consensus: the product over groups of (agrees + 1) / (votes + 2).</summary>
public sealed record ConsensusStatement(long StatementId, Stance Stance, double Score, double[] GroupRates);

/// <summary>
/// What the next update needs to keep the map, the group count and the labels steady, and to start the components from
/// the last subspace (absent from results stored before it was kept).
/// </summary>
public sealed record OpinionMapState(int GroupCount, int CandidateGroupCount, int CandidateStreak, double[] First, double[] Second, long[] StatementIds,
    double[] BaseCentreX, double[] BaseCentreY, double[]? Subspace = null);

public sealed record OpinionMapResult(
    OpinionMapParameters Parameters,
    int ParticipantCount,
    int StatementCount,
    int VoteCount,
    int MinimumVotesApplied,
    double ExplainedVariance,
    IReadOnlyDictionary<int, double> Silhouettes,
    int BestGroupCount,
    IReadOnlyList<PlacedParticipant> Placed,
    IReadOnlyList<OpinionGroup> Groups,
    IReadOnlyList<ConsensusStatement> Consensus,
    IReadOnlyList<StatementTally> Statements,
    OpinionMapState State);
