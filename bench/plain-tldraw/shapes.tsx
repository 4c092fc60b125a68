import { customShapeUtils } from '../../client/src/shapes'
import { mountPlainTldraw } from './plainTldraw'

mountPlainTldraw(customShapeUtils)
