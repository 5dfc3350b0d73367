/** How one input member is checked: its type, and the model's constraints where it has any. */
export interface MemberRule {
  type: "string" | "strings";
  required?: true;
  /** Length bounds (characters for a string, items for a list), from the model's `@length`. */
  min?: number;
  max?: number;
  /** The model's `@pattern`. */
  pattern?: string;
  /** The allowed values of an enum member. */
  enum?: readonly string[];
}

/** An operation's input members, in the order they are sent. */
export type InputShape = Readonly<Record<string, MemberRule>>;

