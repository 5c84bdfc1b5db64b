using System;
using System.Reflection;
using Xunit;

namespace StaticNet.Tests.Kernels;

/// <summary>
/// Each fixed-size kernel against its scalar definition (in double), at every length of <see cref="Lengths"/>, on
/// every vector width this machine accelerates (each width's method is called directly) and on the scalar path.
/// </summary>
public class KernelTests
{
    public static TheoryData<int> All => Lengths.All();

    [Theory, MemberData(nameof(All))] public void Dot(int n) => Run(n, nameof(KernelChecks<Lengths.L1>.Dot));

    [Theory, MemberData(nameof(All))] public void MulAdd(int n) => Run(n, nameof(KernelChecks<Lengths.L1>.MulAdd));

    [Theory, MemberData(nameof(All))] public void DotRows4(int n) => Run(n, nameof(KernelChecks<Lengths.L1>.DotRows4));

    [Theory, MemberData(nameof(All))] public void DotRows16(int n) => Run(n, nameof(KernelChecks<Lengths.L1>.DotRows16));

    [Theory, MemberData(nameof(All))] public void DotX4(int n) => Run(n, nameof(KernelChecks<Lengths.L1>.DotX4));

    [Theory, MemberData(nameof(All))] public void DotBlock(int n) => Run(n, nameof(KernelChecks<Lengths.L1>.DotBlock));

    [Theory, MemberData(nameof(All))] public void MulAddX4(int n) => Run(n, nameof(KernelChecks<Lengths.L1>.MulAddX4));

    [Theory, MemberData(nameof(All))] public void Outer(int n) => Run(n, nameof(KernelChecks<Lengths.L1>.Outer));

    [Theory, MemberData(nameof(All))] public void OuterStepsAndReportsNonFiniteSums(int n) => Run(n, nameof(KernelChecks<Lengths.L1>.OuterStep));

    /// <summary>Calls KernelChecks&lt;L{n}&gt;.{check}(), the kernel compiled for length n.</summary>
    private static void Run(int n, string check)
    {
        MethodInfo method = typeof(KernelChecks<>).MakeGenericType(Lengths.Of(n)).GetMethod(check)!;
        try
        {
            method.Invoke(null, null);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }
}
