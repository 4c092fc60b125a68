import {
  ArrowToolbarItem,
  AssetToolbarItem,
  DefaultToolbar,
  DrawToolbarItem,
  EllipseToolbarItem,
  EraserToolbarItem,
  FrameToolbarItem,
  HandToolbarItem,
  HighlightToolbarItem,
  LaserToolbarItem,
  LineToolbarItem,
  NoteToolbarItem,
  RectangleToolbarItem,
  SelectToolbarItem,
  TextToolbarItem,
  ToolbarItem,
  DiamondToolbarItem,
  TriangleToolbarItem,
  StarToolbarItem,
  CloudToolbarItem,
} from 'tldraw'
import { DESIGN_TOOL_IDS } from './designTools'

/**
 * The board's toolbar: the design-thinking shapes first, then the tldraw tools a workshop
 * uses with them (notes, arrows, text, frames), then drawing and basic shapes, which
 * overflow into tldraw's "more" menu on narrow screens.
 */
export function BoardToolbar() {
  return (
    // ~44 px a button: all 18 from 860 px of toolbar room, down to 8 (through the arrow) at 400.
    <DefaultToolbar minItems={8} minSizePx={400} maxItems={18} maxSizePx={860}>
      <SelectToolbarItem />
      <HandToolbarItem />
      {DESIGN_TOOL_IDS.map((id) => (
        <ToolbarItem key={id} tool={id} />
      ))}
      <NoteToolbarItem />
      <ArrowToolbarItem />
      <TextToolbarItem />
      <FrameToolbarItem />
      <DrawToolbarItem />
      <EraserToolbarItem />
      <AssetToolbarItem />
      <RectangleToolbarItem />
      <EllipseToolbarItem />
      <DiamondToolbarItem />
      <TriangleToolbarItem />
      <StarToolbarItem />
      <CloudToolbarItem />
      <LineToolbarItem />
      <HighlightToolbarItem />
      <LaserToolbarItem />
    </DefaultToolbar>
  )
}
