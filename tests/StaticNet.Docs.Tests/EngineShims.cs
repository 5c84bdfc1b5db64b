namespace StaticNet.Docs.Tests;

/// <summary>
/// The few engine types the Unity and Godot pages use, declared as empty stand-ins so their blocks compile without
/// the engines: UnityEngine.MonoBehaviour, Debug.Log, Time.deltaTime; Godot.Node (_Ready, _Process) and GD.Print.
/// Only these: a block that needs more engine API should not be on a page this test can check.
/// </summary>
public static class EngineShims
{
    public const string Source = """
        namespace UnityEngine
        {
            public class MonoBehaviour { }
            public static class Debug { public static void Log(object message) { } }
            public static class Time { public static float deltaTime => 0f; }
        }
        namespace Godot
        {
            public partial class Node
            {
                public virtual void _Ready() { }
                public virtual void _Process(double delta) { }
            }
            public static class GD { public static void Print(params object[] what) { } }
        }
        """;
}
