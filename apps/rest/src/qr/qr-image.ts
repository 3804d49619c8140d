import QRCode from 'qrcode';

/** The QR as a PNG, large enough for a phone camera at arm's length. */
export function qrPng(qr: string): Promise<Buffer> {
  return QRCode.toBuffer(qr, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });
}

export async function qrPngDataUrl(qr: string): Promise<string> {
  return `data:image/png;base64,${(await qrPng(qr)).toString('base64')}`;
}

/** The QR drawn with Unicode half blocks, for a terminal. */
export function qrTerminal(qr: string): Promise<string> {
  return QRCode.toString(qr, { type: 'utf8', errorCorrectionLevel: 'M', margin: 2 });
}
