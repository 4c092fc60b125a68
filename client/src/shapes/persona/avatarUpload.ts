import { AssetRecordType, type Editor, type TLImageAsset } from 'tldraw'

/**
 * Uploads an avatar image through the board's asset store (our server in the app) and returns
 * its URL. The asset record is not added to the document: the persona keeps only the URL.
 */
export async function uploadAvatarImage(editor: Editor, file: File): Promise<string> {
  if (!file.type.startsWith('image/')) {
    throw new Error(`"${file.name}" is not an image: choose a PNG, JPEG, GIF or WebP file`)
  }
  const asset: TLImageAsset = {
    id: AssetRecordType.createId(),
    typeName: 'asset',
    type: 'image',
    props: { name: file.name, src: null, w: 0, h: 0, mimeType: file.type, isAnimated: false, fileSize: file.size },
    meta: {},
  }
  const { src } = await editor.uploadAsset(asset, file)
  return src
}
