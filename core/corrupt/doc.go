// Package corrupt holds a corruption suite for 28×28 digits in the spirit
// of MNIST-C (Mu and Gilmer 2019) and ImageNet-C (Hendrycks and Dietterich
// 2019): nineteen corruptions with five severities each, grouped as in
// the paper's Fig. 6 into noise, blur, fog+contrast, geometric and other.
//
// Images are 28×28 float64 pixels in [0,1], row-major; every corruption
// returns pixels in [0,1]. Randomness is an argument: the same generator
// state gives the same corrupted image.
package corrupt
