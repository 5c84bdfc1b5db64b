using System;
using System.Globalization;
using StaticNet.Samples.GameAgent;

// Catch, played by a 6-24-3 policy network that starts knowing nothing and learns online from a hand-written
// teacher between frames. Each round is 20 balls; the table shows the score and what the network cost per frame.
const int Seed = 7, Rounds = 12, BallsPerRound = 20;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;   // "0.05", "1,565": the same table on every machine

var session = new GameSession(Seed);
Console.WriteLine($"Catch at 60 fps: {PaddlePolicy.InputSize}-24-{PaddlePolicy.OutputSize} policy ({PaddlePolicy.ParameterCount} parameters), "
    + $"{GameSession.StepsPerFrame} TrainSteps per frame (η = {GameSession.LearningRate}), {BallsPerRound} balls per round.");
Console.WriteLine($"The teacher catches {GameSession.TeacherScore(Seed + 1, 100)} of 100 balls.");
Console.WriteLine();
Console.WriteLine("round  caught  frames   loss   µs per frame: inference  training  slowest   of a 60 fps frame  GCs  bytes allocated");
for (int round = 1; round <= Rounds; round++)
{
    RoundResult r = session.PlayRound(BallsPerRound);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{round,5}  {r.Caught,2} / {r.Balls}  {r.Frames,6}  {r.MeanLoss,5:F3}  {r.InferenceMicroseconds,23:F2}  {r.TrainingMicroseconds,8:F2}  {r.SlowestFrameMicroseconds,7:F0}  {r.BudgetPercent,17:F3} %  {r.Collections,3}  {r.AllocatedBytes,15:N0}"));
}

RoundResult final = session.PlayRound(100, learn: false);
Console.WriteLine();
Console.WriteLine($"Without learning, the trained agent catches {final.Caught} of {final.Balls} "
    + $"({final.InferenceMicroseconds:F2} µs of inference per frame, {final.Collections} GCs, {final.AllocatedBytes} bytes allocated).");
Console.WriteLine("µs per frame: the median frame's; slowest: the frame whose inference and training took longest.");
