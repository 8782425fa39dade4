namespace Parvis.Web.Kernel.People;

public static class PersonRules
{
    public const int PseudonymMin = 3;
    public const int PseudonymMax = 40;
    public const int PasswordMin = 10;
}
