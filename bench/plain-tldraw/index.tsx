import { mountPlainTldraw } from './plainTldraw'

mountPlainTldraw([])
