/** A product as a prediction request gives it. */
export interface ProductText {
  designation: string;
  description: string;
}
