/** The half-open time range [from, to) every figure of the activation report is computed over. */
export interface ActivationRange {
  from: Date;
  to: Date;
}
