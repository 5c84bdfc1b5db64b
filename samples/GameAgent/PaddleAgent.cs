using System;

namespace StaticNet.Samples.GameAgent;

/// <summary>The policy: the game state in, a probability for each <see cref="Move"/> out.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(CatchGame.StateSize)]
[Dense(24, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class PaddlePolicy { }

/// <summary>
/// The player: it moves by its own network (<see cref="Act"/>, the arg-max of the policy) and learns online, between
/// frames, from the teacher's choice in the states it visits itself (learning from its own mistakes: DAgger). Every
/// buffer is allocated here, once: acting and learning allocate nothing.
/// </summary>
public sealed class PaddleAgent
{
    private readonly PaddlePolicy _policy;
    private readonly float[] _states;
    private readonly int[] _moves;
    private readonly Random _random;
    private int _count, _next;

    public PaddleAgent(int seed, int memory = 4096)
    {
        _policy = new PaddlePolicy(seed);
        _states = new float[memory * PaddlePolicy.InputSize];
        _moves = new int[memory];
        _random = new Random(seed);
    }

    public PaddlePolicy Policy => _policy;

    public Move Act(ReadOnlySpan<float> state) => (Move)_policy.Classify(state);

    /// <summary>Keeps the state and the teacher's move for it, over the oldest once the memory is full.</summary>
    public void Remember(ReadOnlySpan<float> state, Move teacher)
    {
        state.CopyTo(_states.AsSpan(_next * PaddlePolicy.InputSize, PaddlePolicy.InputSize));
        _moves[_next] = (int)teacher;
        _next = (_next + 1) % _moves.Length;
        _count = Math.Min(_count + 1, _moves.Length);
    }

    /// <summary><paramref name="steps"/> SGD steps (TrainStep), each on a remembered state drawn at random; returns the mean loss.</summary>
    public float Learn(int steps, float learningRate)
    {
        if (_count == 0) return 0f;
        Span<float> target = stackalloc float[PaddlePolicy.OutputSize];
        float loss = 0f;
        for (int s = 0; s < steps; s++)
        {
            int i = _random.Next(_count);
            target.Clear();
            target[_moves[i]] = 1f;
            loss += _policy.TrainStep(_states.AsSpan(i * PaddlePolicy.InputSize, PaddlePolicy.InputSize), target, learningRate);
        }
        return loss / steps;
    }
}
