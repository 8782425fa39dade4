namespace Parvis.Voting;

/// <param name="Winners">The proposal (option 0) once adopted; none until then.</param>
/// <param name="Consents">Ballots that consent.</param>
/// <param name="Objections">Ballots that object (each with its reason, public with its answer).</param>
/// <param name="Unanswered">Objections with no recorded answer yet.</param>
public sealed record ConsentOutcome(IReadOnlyList<int> Winners, long Consents, long Objections, int Unanswered) : Outcome(Winners, false)
{
    public bool Adopted => Winners.Count > 0;
}

/// <summary>
/// A decision by consent: the proposal (option 0) is adopted once nobody objects, or once every objection has a
/// recorded answer; it is not a majority, and no number of consents outweighs an unanswered objection.
/// </summary>
public static class Consent
{
    public static ConsentOutcome Count(long consents, long objections, int unanswered)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(consents);
        ArgumentOutOfRangeException.ThrowIfNegative(objections);
        ArgumentOutOfRangeException.ThrowIfNegative(unanswered);
        return new ConsentOutcome(unanswered == 0 && consents + objections > 0 ? [0] : [], consents, objections, unanswered);
    }
}
