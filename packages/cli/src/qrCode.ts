import { renderUnicodeCompact } from "uqr";

/** A QR code of `text` in half-block characters, two modules per character cell: scannable from a terminal. */
export const qrCode = (text: string): string => renderUnicodeCompact(text, { border: 1 });
