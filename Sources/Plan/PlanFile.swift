/// Ordered apply plans: what will be applied, in which order, and how it is waited for.
public enum PlanFile {}
