namespace FoiDesk.Ico;

/// <summary>The manager dashboard's ICO figures.</summary>
public sealed record IcoCounts(int Open, int Decided, int DecisionNoticesUpheld, int DecisionNoticesPartlyUpheld);
