// The few Godot members the docs/godot.md snippet uses, so it compiles outside Godot. Not Godot: only the shapes
// (Godot calls _Ready and _Process on a node in the scene tree; nothing here does).
namespace Godot
{
    public partial class GodotObject { }

    public partial class Node : GodotObject
    {
        public virtual void _Ready() { }

        public virtual void _Process(double delta) { }
    }

    public static class GD
    {
        public static void Print(params object[] what) => System.Console.WriteLine(string.Concat(what));
    }
}
