namespace Parvis.Web.Kernel.Contributions;

/// <summary>
/// A module that takes questions for experts (the meetings' round tables): another module sends one there, such as a
/// debate's open question, without naming the module that answers it.
/// </summary>
public interface IQuestionsToExperts
{
    /// <summary>
    /// A question for the experts of the process, with where it came from; refused when the process has nobody to
    /// answer it. The result's id is the question's.
    /// </summary>
    Task<CommandResult> ReferAsync(Guid processId, string question, string origin);
}
