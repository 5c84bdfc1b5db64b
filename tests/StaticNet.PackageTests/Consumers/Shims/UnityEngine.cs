// The few UnityEngine members the docs/unity.md snippet uses, so it compiles outside Unity. Not Unity: only the
// shapes (Unity calls Start and Update by name; nothing here does).
namespace UnityEngine
{
    public class Object { }

    public class Component : Object { }

    public class Behaviour : Component { }

    public class MonoBehaviour : Behaviour { }

    public static class Debug
    {
        public static void Log(object message) => System.Console.WriteLine(message);
    }

    public static class Time
    {
        public static float deltaTime => 1f / 60f;
    }
}
