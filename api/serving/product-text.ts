/** A product as a prediction request gives it. */
export interface ProductText {
  title: string;
  description: string;
}
